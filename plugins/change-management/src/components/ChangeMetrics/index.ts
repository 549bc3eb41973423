export { ChangeMetrics } from './ChangeMetrics';
