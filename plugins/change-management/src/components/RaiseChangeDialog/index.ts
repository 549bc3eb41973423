export { RaiseChangeDialog } from './RaiseChangeDialog';
