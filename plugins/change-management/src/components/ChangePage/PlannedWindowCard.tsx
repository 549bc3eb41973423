import { InfoCard } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import {
  ChangeDetail,
  plannedWindowOf,
} from '@trove/backstage-plugin-change-management-common';
import { describeWindow, PlannedWindowNotes } from '../PlannedWindow';

/**
 * The change's planned window, with what the server says of it: the
 * warnings (freeze, blackout, working hours) and the conflicts, each
 * change linked to its page. Nothing when no window is planned.
 */
export const PlannedWindowCard = ({ change }: { change: ChangeDetail }) => {
  const window = plannedWindowOf(change);
  if (!window) return null;
  const warnings = change.windowWarnings ?? [];
  const quiet = !warnings.length && !change.conflicts.length;
  return (
    // A heading under the change's own (h2), its lists' headings under it.
    <InfoCard title="Planned window" titleTypographyProps={{ component: 'h3' }}>
      <Typography variant="body1" paragraph>
        {describeWindow(window.plannedStart, window.plannedEnd)}
      </Typography>
      {quiet ? (
        <Typography variant="body2" color="textSecondary">
          No warnings and no conflicts.
        </Typography>
      ) : (
        <PlannedWindowNotes
          warnings={warnings}
          conflicts={change.conflicts}
          headingLevel="h4"
        />
      )}
    </InfoCard>
  );
};
