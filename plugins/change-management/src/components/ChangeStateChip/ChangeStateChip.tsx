import Chip from '@material-ui/core/Chip';
import { ChangeState } from '@trove/backstage-plugin-change-management-common';
import { formatState } from '../format';

const finished: ChangeState[] = ['completed'];
const stopped: ChangeState[] = ['rejected', 'cancelled', 'rolled_back'];

/** The state of a change, as a small chip. */
export const ChangeStateChip = ({ state }: { state: ChangeState }) => {
  let color: 'default' | 'primary' | 'secondary' = 'primary';
  if (finished.includes(state)) color = 'default';
  if (stopped.includes(state)) color = 'secondary';
  return (
    <Chip
      size="small"
      color={color}
      variant={color === 'default' ? 'default' : 'outlined'}
      label={formatState(state)}
    />
  );
};
