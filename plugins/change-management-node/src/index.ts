/**
 * Node.js library for the change-management plugin: its permission
 * resource, rules and conditions, for permission policies and modules.
 *
 * @packageDocumentation
 */

export { changePermissionResourceRef } from './resource';
export type { ChangeFilter, ChangeResource } from './resource';
export { affectsEntityOwnedBy, changePermissionRules, isAuthor } from './rules';
export {
  changeConditions,
  createChangeConditionalDecision,
} from './conditions';
export { DisplayNames, nameOnly } from './DisplayNames';
export { changeRiskFactorsExtensionPoint } from './riskFactors';
export type {
  ChangeRiskFactor,
  ChangeRiskFactorsExtensionPoint,
  RiskAssessedChange,
  RiskFactorContext,
} from './riskFactors';
export { changePullRequestReaderExtensionPoint } from './pullRequests';
export type {
  ChangePullRequestReader,
  ChangePullRequestReaderExtensionPoint,
} from './pullRequests';
export { changeOutboxExtensionPoint } from './outbox';
export type {
  ChangeOutbox,
  ChangeOutboxDelivery,
  ChangeOutboxExtensionPoint,
  ChangeOutboxHandler,
} from './outbox';
export { changeDeployRecorderExtensionPoint } from './deploys';
export type {
  ChangeDeployRecorder,
  ChangeDeployRecorderExtensionPoint,
  ReportedDeploy,
} from './deploys';
