import { Refusal } from '../errors';
import { Change, ChangeAction } from '../types';
import { Transition, transitionFor, needsMet } from './transitions';
import { openActions, recordFacts } from './waitsOn';

/** Facts about whoever asks, from Backstage auth and the catalog. @public */
export interface WorkflowActor {
  userEntityRef: string;
  isCto: boolean;
}

/** Actions where the CTO signs for a change; their own needs permission. */
const SELF_APPROVAL_ACTIONS: ChangeAction[] = [
  'approve',
  'sign-off',
  'waive-review',
];

/** Why an edge is closed although the state has it. */
function unmetNeed(action: ChangeAction, change: CheckedChange) {
  if (action === 'document-retrospective') {
    return 'The retrospective is already documented';
  }
  if (action === 'complete-review' && !change.retrospective) {
    return 'Document the retrospective before the post-deployment review';
  }
  return `The ${action} step is already complete`;
}

type CheckedChange = Pick<
  Change,
  'type' | 'state' | 'createdBy' | 'retrospective' | 'postDeploymentReview'
>;

/**
 * Whether this actor may take this action on this change now, judged on the
 * state, the record, the role and separation of duties, without the action's
 * fields. `selfApproval` says the CTO is signing for their own change, which
 * is allowed only with `allowSelfApproval` and is then an exception.
 *
 * @public
 */
export function checkAction(
  change: CheckedChange,
  action: ChangeAction,
  actor: WorkflowActor,
  options: { allowSelfApproval: boolean },
):
  | { ok: true; transition: Transition; selfApproval: boolean }
  | ({ ok: false } & Refusal) {
  const transition = transitionFor(change.type, change.state, action);
  if (!transition || !needsMet(transition, recordFacts(change))) {
    const allowedActions = openActions(change);
    return {
      ok: false,
      name: 'InvalidTransitionError',
      message: transition
        ? unmetNeed(action, change)
        : `Cannot ${action} a ${change.type} change in state '${
            change.state
          }'; allowed actions there: ${allowedActions.join(', ') || 'none'}`,
      state: change.state,
      allowedActions,
    };
  }

  const isAuthor = actor.userEntityRef === change.createdBy;
  switch (transition.role) {
    case 'author':
      if (!isAuthor) {
        return notAllowed(
          `Only the author (${change.createdBy}) may ${action} this change`,
        );
      }
      break;
    case 'reviewer':
      if (isAuthor) {
        return notAllowed(
          `The author cannot ${
            action === 'review' ? 'review' : 'request changes on'
          } their own change; another engineer must review it`,
        );
      }
      break;
    case 'cto':
      if (!actor.isCto) {
        return notAllowed(`Only the CTO may ${action} a change`);
      }
      break;
    case 'author-or-cto':
      if (!isAuthor && !actor.isCto) {
        return notAllowed(
          `Only the author or the CTO may ${action} this change`,
        );
      }
      break;
    default:
      break;
  }

  const selfApproval = isAuthor && SELF_APPROVAL_ACTIONS.includes(action);
  if (selfApproval && !options.allowSelfApproval) {
    return notAllowed(
      `The CTO cannot ${action} their own change; another CTO-role holder must (changeManagement.allowSelfApproval is off)`,
    );
  }
  return { ok: true, transition, selfApproval };
}

function notAllowed(message: string): { ok: false } & Refusal {
  return { ok: false, name: 'NotAllowedError', message };
}
