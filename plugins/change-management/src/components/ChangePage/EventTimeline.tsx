import { InfoCard } from '@backstage/core-components';
import { RefLink } from './RefLink';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { ChangeEvent } from '../../api';
import { formatState, formatTime } from '../format';

/** What an event recorded beyond its comment, when it matters to a reader. */
function notes(event: ChangeEvent): string[] {
  const result: string[] = [];
  const failed = event.fields.failedChecks;
  if (Array.isArray(failed) && failed.length) {
    result.push(`Failed checks: ${failed.join(', ')}`);
  }
  if (event.fields.freezeOverride === true) {
    result.push('Deployed during a freeze, on the CTO approval');
  }
  return result;
}

/** The audit trail of a change, oldest first. */
export const EventTimeline = ({ events }: { events: ChangeEvent[] }) => {
  const sorted = [...events].sort((a, b) => a.seq - b.seq);
  return (
    <InfoCard title="History">
      {sorted.length === 0 ? (
        <Typography>No events yet.</Typography>
      ) : (
        <List dense aria-label="Change history">
          {sorted.map(event => (
            <ListItem key={event.id} alignItems="flex-start" divider>
              <ListItemText
                primary={
                  <>
                    <strong>{event.action}</strong>
                    {': '}
                    {event.fromState
                      ? `${formatState(event.fromState)} → `
                      : ''}
                    {formatState(event.toState)}
                  </>
                }
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
