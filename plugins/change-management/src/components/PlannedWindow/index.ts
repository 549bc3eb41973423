export { PlannedWindowNotes, describeWindow } from './PlannedWindowNotes';
export { fromLocalInput, localZone, toLocalInput } from './localTime';
