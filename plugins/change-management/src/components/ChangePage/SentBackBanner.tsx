import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { Change } from '@trove/backstage-plugin-change-management-common';
import { ChangeEvent } from '../../api';
import { formatTime } from '../format';
import { RefLink } from '../RefLink';

/** The event that sent a draft back, if the change is one. */
function sentBackBy(change: Change, events: ChangeEvent[]) {
  if (change.state !== 'draft') return undefined;
  return [...events]
    .sort((a, b) => b.seq - a.seq)
    .find(e => e.toState === 'draft' && e.fromState && e.fromState !== 'draft');
}

/** Who and when, for a banner's first line. */
const byLine = (event: ChangeEvent) => (
  <div>
    {'By '}
    <RefLink entityRef={event.actor} />
    {`, ${formatTime(event.at)}`}
  </div>
);

/**
 * Why a change went back to draft (changes requested, or a staging check
 * that failed), and a failed post-deployment verification: the reason and
 * who gave it, above everything else.
 */
export const SentBackBanner = (props: {
  change: Change;
  events: ChangeEvent[];
}) => {
  const { change, events } = props;
  const back = sentBackBy(change, events);
  const failedChecks = back?.fields.failedChecks;
  const cleared =
    back?.fromState === 'in_review'
      ? 'Edit the draft, then submit it again.'
      : 'Its peer review and CTO approval were cleared: edit the draft if needed, then submit it again.';
  if (back?.action === 'record-staging') {
    return (
      <Alert severity="error">
        <AlertTitle>
          {`Staging failed: ${(failedChecks ?? []).join(', ')}`}
        </AlertTitle>
        {byLine(back)}
        {back.comment && <div>{back.comment}</div>}
        <div>{cleared}</div>
      </Alert>
    );
  }
  if (back?.action === 'request-changes') {
    return (
      <Alert severity="warning">
        <AlertTitle>Changes requested</AlertTitle>
        {byLine(back)}
        {back.comment && (
          <div style={{ whiteSpace: 'pre-wrap' }}>{back.comment}</div>
        )}
        <div>{cleared}</div>
      </Alert>
    );
  }
  const verify = events.find(e => e.action === 'verify');
  if (change.postDeploymentVerified === 'no' && verify) {
    return (
      <Alert severity="error">
        <AlertTitle>Post-deployment verification failed</AlertTitle>
        {byLine(verify)}
        {change.issuesEncountered && (
          <div style={{ whiteSpace: 'pre-wrap' }}>
            {change.issuesEncountered}
          </div>
        )}
      </Alert>
    );
  }
  return null;
};
