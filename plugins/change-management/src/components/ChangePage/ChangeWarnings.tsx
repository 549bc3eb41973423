import { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  Change,
  ChangeException,
  describeClosure,
  EXCEPTION_LABELS,
} from '@trove/backstage-plugin-change-management-common';
import { ChangeEvent } from '../../api';
import { formatTime } from '../format';
import { RefLink } from '../RefLink';
import { ResubmittedBanner } from './ResubmittedBanner';
import { RetrospectiveCountdown } from './RetrospectiveCountdown';
import { SentBackBanner } from './SentBackBanner';

/**
 * What an exception records, from the record and its event rather than the
 * stored sentence, so that every time reads in one zone.
 */
function exceptionText(
  exception: ChangeException,
  change: Change,
  events: ChangeEvent[],
): ReactNode {
  if (exception.kind === 'freeze-override') {
    const deploy = events.find(
      e => e.action === 'deploy' && e.fields.freezeOverride,
    );
    const approval = deploy?.fields.approvalReliedOn ?? change.approved;
    if (deploy && approval) {
      return (
        <>
          {`Deployed while production was ${describeClosure(
            deploy.fields.freezeWindow,
            formatTime,
          )}, relying on the CTO approval of `}
          <RefLink entityRef={approval.by} />
          {` at ${formatTime(approval.at)}.`}
        </>
      );
    }
  }
  if (exception.kind === 'late-retrospective' && change.retrospective) {
    return `Documented ${formatTime(
      change.retrospective.at,
    )}, after the due time ${formatTime(change.retrospectiveDueAt)}.`;
  }
  return exception.detail;
}

export type ChangeWarningsProps = {
  change: Change;
  events: ChangeEvent[];
};

/**
 * What needs attention on the change, at the top of its page: the
 * retrospective countdown, why it was sent back, what changed since if it
 * was submitted again, a failed verification, and every exception on the
 * record.
 */
export const ChangeWarnings = ({ change, events }: ChangeWarningsProps) => (
  <Box display="flex" flexDirection="column" style={{ gap: 8 }}>
    <RetrospectiveCountdown change={change} />
    <SentBackBanner change={change} events={events} />
    <ResubmittedBanner events={events} />
    {change.exceptions.map((exception, index) => (
      <Alert key={index} severity="warning">
        <AlertTitle>
          {`Exception: ${EXCEPTION_LABELS[exception.kind]}`}
        </AlertTitle>
        {exceptionText(exception, change, events)}
        <div>
          {'Recorded by '}
          <RefLink entityRef={exception.actor} />
          {`, ${formatTime(exception.at)}`}
        </div>
      </Alert>
    ))}
  </Box>
);
