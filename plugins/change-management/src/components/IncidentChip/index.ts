export { IncidentChip } from './IncidentChip';
