import { describeClosure, describeReopening } from '../blackouts';
import { STATE_LABELS } from '../labels';
import { DeployVerdict } from '../responses';
import { deployVerdict, waitingReason } from './deployVerdict';
import { nextSteps, stateOutcome, WorkflowChange } from './waitsOn';
import { RETROSPECTIVE_DUE_WORDS } from './retrospectiveDue';

/** What the sentence needs besides the change. @public */
export type NextStepContext = {
  /** How people know the author, e.g. "Alice Adams". */
  authorName: string;
  /**
   * The verdict on its production deploy now (deployVerdict, or the
   * server's `deployVerdict` of the change); without it, production is open.
   */
  verdict?: DeployVerdict;
  /** How a blackout's times read (describeClosure); ISO by default. */
  time?: (iso: string) => string;
};

/** The deploy step, in the words of its verdict. */
function deployStep(
  change: WorkflowChange,
  { authorName, verdict, time }: NextStepContext,
): string {
  const { heldBy, override } = verdict ?? deployVerdict(change, 'production');
  const who = `${authorName} or another engineer`;
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
  change: WorkflowChange,
  context: NextStepContext,
): string {
  const [next] = nextSteps(change);
  if (next === 'deploy') {
    return deployStep(change, context);
  }
  if (next) {
    return waitingReason(change, context.authorName);
  }
  const label = STATE_LABELS[change.state];
  return stateOutcome(change.state) === 'done'
    ? `${label}: nothing more is owed on this change`
    : `${label}: nothing more happens under this change; raise a new one if it is still needed`;
}
