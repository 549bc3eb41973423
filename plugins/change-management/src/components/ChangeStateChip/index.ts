export { ChangeStateChip } from './ChangeStateChip';
