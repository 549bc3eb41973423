import { InfoCard } from '@backstage/core-components';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import {
  ChangeType,
  describeClosure,
  eventLabel,
  STATE_LABELS,
} from '@trove/backstage-plugin-change-management-common';
import { ChangeEvent } from '../../api';
import { formatTime } from '../format';
import { RefLink } from '../RefLink';

/** What an event recorded beyond its comment, when it matters to a reader. */
function notes(event: ChangeEvent): string[] {
  const result: string[] = [];
  const failed = event.fields.failedChecks;
  if (Array.isArray(failed) && failed.length) {
    result.push(`Failed checks: ${failed.join(', ')}`);
  }
  if (event.fields.freezeOverride === true) {
    result.push(
      `Deployed while production was ${describeClosure(
        event.fields.freezeWindow,
        formatTime,
      )}, on the CTO approval`,
    );
  }
  if (event.fields.postDeploymentVerified === 'no') {
    result.push('Post-deployment verification failed');
  }
  return result;
}

/** "Reviewed: In review → Awaiting approval", by the change's type. */
function headline(event: ChangeEvent, type: ChangeType) {
  const label = eventLabel(event.action, type) ?? event.action;
  if (!event.fromState) {
    return `${label}: ${STATE_LABELS[event.toState]}`;
  }
  if (event.fromState === event.toState) {
    return label;
  }
  return `${label}: ${STATE_LABELS[event.fromState]} → ${
    STATE_LABELS[event.toState]
  }`;
}

/**
 * The audit trail of a change, oldest first, in words. A compact list, but
 * not a `dense` one: Backstage's theme cuts a dense list's text off with an
 * ellipsis, and an auditor reads the whole of every line.
 */
export const EventTimeline = ({
  events,
  type,
}: {
  events: ChangeEvent[];
  /** The change's type, which some events are worded by. */
  type: ChangeType;
}) => {
  const sorted = [...events].sort((a, b) => a.seq - b.seq);
  return (
    <InfoCard title="History">
      {sorted.length === 0 ? (
        <Typography>No events yet.</Typography>
      ) : (
        <List aria-label="Change history">
          {sorted.map(event => (
            <ListItem
              key={event.id}
              alignItems="flex-start"
              divider
              style={{ paddingTop: 4, paddingBottom: 4 }}
            >
              <ListItemText
                primary={headline(event, type)}
                primaryTypographyProps={{
                  variant: 'body2',
                  style: { fontWeight: 500 },
                }}
                secondaryTypographyProps={{ component: 'div' }}
                secondary={
                  <>
                    <div>
                      <RefLink entityRef={event.actor} />
                      {` · ${formatTime(event.at)}`}
                    </div>
                    {event.comment && (
                      <div style={{ whiteSpace: 'pre-wrap' }}>
                        {event.comment}
                      </div>
                    )}
                    {notes(event).map(note => (
                      <div key={note}>{note}</div>
                    ))}
                  </>
                }
              />
            </ListItem>
          ))}
        </List>
      )}
    </InfoCard>
  );
};
