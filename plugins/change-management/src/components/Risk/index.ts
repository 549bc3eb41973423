export { RiskChip } from './RiskChip';
export { RiskReasons } from './RiskReasons';
