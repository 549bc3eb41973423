export { LockdownBanner } from './LockdownBanner';
export { LockdownPanel } from './LockdownPanel';
export { DeclareLockdownDialog } from './DeclareLockdownDialog';
