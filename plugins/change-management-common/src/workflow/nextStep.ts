import { describeClosure, describeReopening } from '../blackouts';
import { STATE_LABELS } from '../labels';
import { DeployVerdict } from '../responses';
import { deployVerdict, waitingReason } from './deployVerdict';
import { nextSteps, stateOutcome, WorkflowChange } from './waitsOn';
import { RETROSPECTIVE_DUE_WORDS } from './retrospectiveDue';
import {
  missingPlannedWindow,
  peerReviewsRequired,
  RiskPolicies,
} from './riskPolicies';
import { Change } from '../types';

/** What the sentence reads of a change. */
type NextStepChange = WorkflowChange &
  Partial<Pick<Change, 'reviewed' | 'risk' | 'plannedStart' | 'plannedEnd'>>;

/** What the sentence needs besides the change. @public */
export type NextStepContext = {
  /** How people know the author, e.g. "Alice Adams". */
  authorName: string;
  /** How people know the first peer reviewer, where one is on record. */
  reviewerName?: string;
  /**
   * The verdict on its production deploy now (deployVerdict, or the
   * server's `deployVerdict` of the change); without it, production is open.
   */
  verdict?: DeployVerdict;
  /** How a blackout's times read (describeClosure); ISO by default. */
  time?: (iso: string) => string;
  /**
   * Issue 24: the risk-based policies in force, so that the sentence says
   * what a high-risk change still misses; without them, none bind.
   */
  riskPolicies?: RiskPolicies;
};

/** The deploy step, in the words of its verdict. */
function deployStep(
  change: WorkflowChange,
  { authorName, verdict, time }: NextStepContext,
): string {
  const { heldBy, override, heldByPolicy, reasons } =
    verdict ?? deployVerdict(change, 'production');
  const who = `${authorName} or another engineer`;
  if (heldByPolicy) {
    return `Ready for production: ${reasons[0]}`;
  }
  if (heldBy) {
    const what = heldBy.entityRef ? 'blackout' : 'freeze';
    return `Ready for production: deploy when the ${what} ends ${describeReopening(
      heldBy,
    )}, or raise an emergency`;
  }
  if (change.type !== 'emergency') {
    return `Ready for production: ${who} deploys it`;
  }
  const retro = `the retrospective is due ${RETROSPECTIVE_DUE_WORDS} after the deploy`;
  if (!override) {
    return `Approved: ${who} deploys the fix; ${retro}`;
  }
  return `Approved: ${who} may deploy the fix although production is ${describeClosure(
    override,
    time,
  )}; the override is recorded, and ${retro}`;
}

/**
 * Who acts next on a change, in one sentence for its page: "Waiting for CTO
 * approval". From the workflow's next step (nextSteps, waitingReason) and,
 * for a deploy, the freeze.
 *
 * @public
 */
export function describeNextStep(
  change: NextStepChange,
  context: NextStepContext,
): string {
  const [next] = nextSteps(change);
  const { authorName, riskPolicies } = context;
  if (next === 'deploy') {
    return deployStep(change, context);
  }
  if (next === 'submit' && missingPlannedWindow(change, riskPolicies)) {
    return `Waiting for ${authorName} to add a planned window and submit it: a high-risk change needs one`;
  }
  if (
    next === 'review' &&
    !change.reviewed &&
    peerReviewsRequired(change, riskPolicies) === 2
  ) {
    return `Waiting for two peer reviews by two engineers other than ${authorName}: a high-risk change needs both`;
  }
  if (next) {
    return waitingReason(change, authorName, context.reviewerName);
  }
  const label = STATE_LABELS[change.state];
  return stateOutcome(change.state) === 'done'
    ? `${label}: nothing more is owed on this change`
    : `${label}: nothing more happens under this change; raise a new one if it is still needed`;
}
