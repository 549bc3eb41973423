export { MetricsOverview } from './MetricsOverview';
