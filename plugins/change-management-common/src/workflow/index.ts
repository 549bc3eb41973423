export { applyAction, RETROSPECTIVE_DUE_MS } from './applyAction';
export type { ActionOutcome, WorkflowContext } from './applyAction';
export { checkAction } from './checkAction';
export type { Refusal, WorkflowActor } from './checkAction';
export { missingForSubmit } from './submitChecks';
export { actionsFrom, happyPath, transitionFor } from './transitions';
export type { ActionRole, Transition } from './transitions';
export { isRetrospectiveOverdue } from './overdue';
