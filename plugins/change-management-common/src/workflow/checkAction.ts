import { Change, ChangeAction } from '../types';
import { actionsFrom, transitionFor, Transition } from './transitions';

/** Facts about whoever asks, from Backstage auth and the catalog. @public */
export interface WorkflowActor {
  userEntityRef: string;
  isCto: boolean;
}

/** @public */
export type Refusal = {
  ok: false;
  status: 400 | 403 | 409;
  message: string;
};

/** Actions where the CTO signs for a change; their own needs permission. */
const SELF_APPROVAL_ACTIONS: ChangeAction[] = [
  'approve',
  'sign-off',
  'waive-review',
];

/**
 * Whether this actor may take this action on this change now, judged on the
 * state, the role and separation of duties, without the action's fields.
 * `selfApproval` says the CTO is signing for their own change, which is
 * allowed only with `allowSelfApproval` and is then an exception.
 *
 * @public
 */
export function checkAction(
  change: Pick<
    Change,
    'type' | 'state' | 'createdBy' | 'retrospective' | 'postDeploymentReview'
  >,
  action: ChangeAction,
  actor: WorkflowActor,
  options: { allowSelfApproval: boolean },
): { ok: true; transition: Transition; selfApproval: boolean } | Refusal {
  const transition = transitionFor(change.type, change.state, action);
  if (!transition) {
    const allowed = actionsFrom(change.type, change.state);
    return {
      ok: false,
      status: 409,
      message: `Cannot ${action} a ${change.type} change in state '${
        change.state
      }'; allowed actions there: ${allowed.join(', ') || 'none'}`,
    };
  }

  const isAuthor = actor.userEntityRef === change.createdBy;
  switch (transition.role) {
    case 'author':
      if (!isAuthor) {
        return refuse403(
          `Only the author (${change.createdBy}) may ${action} this change`,
        );
      }
      break;
    case 'reviewer':
      if (isAuthor) {
        return refuse403(
          `The author cannot ${
            action === 'review' ? 'review' : 'request changes on'
          } their own change; another engineer must review it`,
        );
      }
      break;
    case 'cto':
      if (!actor.isCto) {
        return refuse403(`Only the CTO may ${action} a change`);
      }
      break;
    case 'author-or-cto':
      if (!isAuthor && !actor.isCto) {
        return refuse403(
          `Only the author or the CTO may ${action} this change`,
        );
      }
      break;
    default:
      break;
  }

  const selfApproval = isAuthor && SELF_APPROVAL_ACTIONS.includes(action);
  if (selfApproval && !options.allowSelfApproval) {
    return refuse403(
      `The CTO cannot ${action} their own change; another CTO-role holder must (changeManagement.allowSelfApproval is off)`,
    );
  }

  if (action === 'document-retrospective' && change.retrospective) {
    return refuse409('The retrospective is already documented');
  }
  if (action === 'complete-review') {
    if (!change.retrospective) {
      return refuse409(
        'Document the retrospective before the post-deployment review',
      );
    }
    if (change.postDeploymentReview) {
      return refuse409('The post-deployment review is already complete');
    }
  }
  return { ok: true, transition, selfApproval };
}

function refuse403(message: string): Refusal {
  return { ok: false, status: 403, message };
}

function refuse409(message: string): Refusal {
  return { ok: false, status: 409, message };
}
