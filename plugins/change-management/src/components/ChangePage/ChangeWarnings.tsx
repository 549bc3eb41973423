import Box from '@material-ui/core/Box';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  Change,
  describeException,
  EXCEPTION_LABELS,
  exceptionFacts,
} from '@trove/backstage-plugin-change-management-common';
import { ChangeEvent } from '../../api';
import { formatTime } from '../format';
import { RefLink } from '../RefLink';
import { useNames } from '../useNames';
import { ResubmittedBanner } from './ResubmittedBanner';
import { RetrospectiveCountdown } from './RetrospectiveCountdown';
import { SentBackBanner } from './SentBackBanner';

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
export const ChangeWarnings = ({ change, events }: ChangeWarningsProps) => {
  // What each exception's sentence is made of, from the record and its
  // events rather than the stored detail, so that it reads in names and in
  // one zone, as on the Audit page and in the evidence packet.
  const exceptions = change.exceptions.map(exception => ({
    ...exception,
    facts: exceptionFacts(exception.kind, change, events),
  }));
  const name = useNames(
    exceptions.flatMap(e => (e.facts.approval ? [e.facts.approval.by] : [])),
  );
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 8 }}>
      <RetrospectiveCountdown change={change} />
      <SentBackBanner change={change} events={events} />
      <ResubmittedBanner events={events} />
      {exceptions.map((exception, index) => (
        <Alert key={index} severity="warning">
          <AlertTitle>
            {`Exception: ${EXCEPTION_LABELS[exception.kind]}`}
          </AlertTitle>
          {describeException(exception, { name, time: formatTime })}
          <div>
            {'Recorded by '}
            <RefLink entityRef={exception.actor} />
            {`, ${formatTime(exception.at)}`}
          </div>
        </Alert>
      ))}
    </Box>
  );
};
