import Chip from '@material-ui/core/Chip';
import { useTheme } from '@material-ui/core/styles';
import { urgentTextColor } from '../readable';
import {
  ChangeState,
  STATE_LABELS,
  stateOutcome,
} from '@trove/backstage-plugin-change-management-common';

const COLOR = {
  active: 'primary',
  done: 'default',
  stopped: 'secondary',
} as const;

/**
 * The state of a change, as a small chip coloured by how the state reads in
 * the workflow: under way, done, or stopped.
 */
export const ChangeStateChip = ({ state }: { state: ChangeState }) => {
  const outcome = stateOutcome(state);
  const theme = useTheme();
  const stopped = urgentTextColor(theme);
  return (
    <Chip
      size="small"
      color={COLOR[outcome]}
      style={
        outcome === 'stopped'
          ? { color: stopped, borderColor: stopped }
          : undefined
      }
      variant={outcome === 'done' ? 'default' : 'outlined'}
      label={STATE_LABELS[state]}
    />
  );
};
