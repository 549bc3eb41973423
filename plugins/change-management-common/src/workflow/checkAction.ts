import { Refusal } from '../errors';
import { Change, ChangeAction } from '../types';
import { Transition, transitionFor, needsMet } from './transitions';
import { openActions, recordFacts } from './waitsOn';
import { Actor } from './actor';
import { reviewLeavesAnApprover } from './ctoReview';
import { isEngineerFor } from './engineers';
import { riskPolicyRefusal } from './riskPolicies';

/** What a pipeline may record on its own. @public */
export const PIPELINE_ACTIONS: ChangeAction[] = ['deploy', 'roll-back'];

/**
 * Actions where the CTO signs for a change: on their own change they need
 * `allowSelfApproval`, and are then an exception.
 */
const SELF_APPROVAL_ACTIONS: ChangeAction[] = [
  'approve',
  'sign-off',
  'waive-review',
  'complete-review',
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
  | 'type'
  | 'state'
  | 'createdBy'
  | 'retrospective'
  | 'postDeploymentReview'
  | 'reviewed'
> &
  Partial<Pick<Change, 'secondReviewed' | 'risk'>>;

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
  actor: Actor,
  options: {
    allowSelfApproval: boolean;
    /** The owners of the change's affected entities, for `engineerOf`. */
    ownerRefs?: (string | undefined)[];
  },
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

  if (actor.isService && !PIPELINE_ACTIONS.includes(action)) {
    return notAllowed(
      `A pipeline may only record ${PIPELINE_ACTIONS.join(
        ' and ',
      )}; a person must ${action} this change`,
    );
  }
  const isAuthor = actor.userEntityRef === change.createdBy;
  const isEngineer = isEngineerFor(actor.engineerOf, options.ownerRefs ?? []);
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
      if (!isEngineer) {
        return notAllowed(`Only an engineer may ${action} this change`);
      }
      // A review on record while in review is the first of two
      // (twoPeerReviews): two different engineers give them.
      if (action === 'review' && change.reviewed?.by === actor.userEntityRef) {
        return riskPolicyRefusal(
          'twoPeerReviews',
          change.risk?.level,
          'You gave this high-risk change its first peer review; another engineer, not its author, must give the second',
        );
      }
      if (
        action === 'review' &&
        !reviewLeavesAnApprover(change, actor, options.allowSelfApproval)
      ) {
        return soleApprover(actor);
      }
      break;
    case 'engineer':
      if (!isEngineer) {
        return notAllowed(`Only an engineer may ${action} this change`);
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

  // Two people check every change: whoever peer-reviewed it does not
  // approve it too. Like approving one's own change, it takes
  // allowSelfApproval and is then an exception.
  const reviewedIt = [change.reviewed, change.secondReviewed].some(
    review => review?.by === actor.userEntityRef,
  );
  if (action === 'return-to-review' && !reviewedIt) {
    return notAllowed(
      'Only the CTO-role holder who peer-reviewed this change sends it back for another review; approve it, or request changes',
    );
  }
  const ownReview = action === 'approve' && reviewedIt;
  const selfApproval =
    (isAuthor && SELF_APPROVAL_ACTIONS.includes(action)) || ownReview;
  if (selfApproval && !options.allowSelfApproval) {
    return notAllowed(
      ownReview
        ? 'You peer-reviewed this change, so another CTO-role holder must approve it (changeManagement.allowSelfApproval is off); or send it back for another review'
        : `The CTO cannot ${action} their own change; another CTO-role holder must (changeManagement.allowSelfApproval is off)`,
    );
  }
  return { ok: true, transition, selfApproval };
}

function notAllowed(message: string): { ok: false } & Refusal {
  return { ok: false, name: 'NotAllowedError', message };
}

/** A CTO-role holder's review that would leave nobody to approve. */
function soleApprover(actor: Actor): { ok: false } & Refusal {
  const others = actor.otherCtos ?? [];
  const why = others.length
    ? 'the only other CTO-role holder raised it, and '
    : 'nobody else holds the CTO role, and ';
  return {
    ok: false,
    name: 'SoleApproverError',
    message: `You hold the CTO role and would be the only one left to approve this change: ${why}whoever peer-reviews a change does not approve it. Ask another engineer to review it, or waive the review with a reason`,
    ctoRoleHolders: [actor.userEntityRef, ...others].sort(),
  };
}
