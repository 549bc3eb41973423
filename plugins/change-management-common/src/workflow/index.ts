export { applyAction } from './applyAction';
export {
  RETROSPECTIVE_DUE_HOURS,
  RETROSPECTIVE_DUE_MS,
  RETROSPECTIVE_DUE_WORDS,
} from './retrospectiveDue';
export type {
  ActionOutcome,
  RefusedOutcome,
  WorkflowContext,
} from './applyAction';
export { checkAction, PIPELINE_ACTIONS } from './checkAction';
export type { Actor } from './actor';
export { missingForSubmit } from './submitChecks';
export {
  happyPath,
  MACHINES,
  machineFor,
  needsMet,
  transitionFor,
} from './transitions';
export type {
  ActionRole,
  Machine,
  RecordFacts,
  Transition,
  TransitionKind,
} from './transitions';
export {
  actionsForRole,
  isFinished,
  isInFlight,
  nextSteps,
  openActions,
  recordFacts,
  stateOutcome,
  WAITING_RULES,
  waitsOn,
  waitsOnActor,
} from './waitsOn';
export { reviewLeavesAnApprover } from './ctoReview';
export {
  CAUSE_NOT_CLAIMED_STATES,
  CHANGE_FAILURE_WINDOW_DAYS,
  changeFailureRate,
  claimsCause,
  failedOnItsOwn,
  incidentCauses,
  changeFailureWindowStart,
  entityFacts,
  entityFactsOf,
  FAILED_VERIFICATION,
  isFailedChange,
  ROLLED_BACK_STATES,
} from './changeFailure';
export type {
  EntityFacts,
  EntityFactsCounts,
  IncidentCauses,
} from './changeFailure';
export type { Party, WaitingRule, WorkflowChange } from './waitsOn';
export {
  isRetrospectiveOverdue,
  isUnverified,
  owesRetrospective,
  UNVERIFIED_STATES,
} from './overdue';
export { deployVerdict, waitingReason } from './deployVerdict';
export type { GateEnvironment } from './deployVerdict';
export { describeNextStep } from './nextStep';
export type { NextStepContext } from './nextStep';
export { engineerScope, isEngineerFor, ownsAffectedEntity } from './engineers';
export type { EngineerRoles, EngineerScope } from './engineers';
export { DRAFT_FIELDS, resubmission } from './resubmission';
export type {
  DraftField,
  DraftFieldChange,
  Resubmission,
} from './resubmission';
export { changeParties } from './parties';
export {
  closuresHold,
  plannedWindowIssues,
  plannedWindowOf,
  windowsOverlap,
} from './plannedWindow';
export type { PlannedWindow } from './plannedWindow';
export {
  closuresBetween,
  closuresHolding,
  validateWorkingHours,
  windowWarnings,
  windowWarningSchema,
  withinWorkingHours,
} from './windowWarnings';
export type {
  ClosureWindow,
  WindowWarning,
  WindowWarningReason,
  WorkingHours,
} from './windowWarnings';
export { nextFreeSlot } from './freeSlot';
export type { BusyInterval } from './freeSlot';
export { causedByIssue } from './causedBy';
export {
  changeScore,
  DEFAULT_SCORE_WEIGHTS,
  deployOutcome,
} from './changeScore';
export type { ScoreWeights } from './changeScore';
export {
  deliveryMetrics,
  deploymentsPerWeek,
  isRecoveringDeploy,
  leadTimeHours,
  percentile,
  periodWeeks,
  recoveryHours,
  retrospectiveStatus,
  weekStartOf,
} from './deliveryMetrics';
export type { MetricsChange, MetricsInput } from './deliveryMetrics';
export {
  assessRisk,
  changeRiskSchema,
  DEFAULT_RISK_CONFIG,
  riskLevelSchema,
  riskReasonSchema,
} from './changeRisk';
export type {
  ChangeRisk,
  RiskConfig,
  RiskEntity,
  RiskFacts,
  RiskLevel,
  RiskReason,
} from './changeRisk';
export {
  bindingRiskPolicies,
  missingPlannedWindow,
  NO_RISK_POLICIES,
  RISK_POLICY_NAMES,
  riskPoliciesFrom,
  outsideWorkingHours,
  peerReviewsRequired,
  policyBinds,
  riskPolicyNameSchema,
  riskPolicyRefusal,
} from './riskPolicies';
export type { RiskPolicies, RiskPolicyName } from './riskPolicies';
