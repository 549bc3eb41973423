export { RaiseChangeDialog } from './RaiseChangeDialog';
export type { ArrivalState } from './RaiseChangeDialog';
