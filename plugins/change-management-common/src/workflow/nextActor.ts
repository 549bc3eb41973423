import { ProductionClosure } from '../blackouts';
import { reopensOn } from '../freeze';
import { STATE_LABELS } from '../labels';
import { waitingReason } from './gate';
import { nextSteps, stateOutcome, WorkflowChange } from './waitsOn';

/** What the sentence needs besides the change. @public */
export type NextStepContext = {
  /** How people know the author, e.g. "Alice Adams". */
  authorName: string;
  /** Why production is closed now, if it is (productionClosure). */
  closure?: ProductionClosure;
};

/** The deploy step, which the freeze and blackouts can hold back. */
function deployStep(
  change: WorkflowChange,
  { authorName, closure }: NextStepContext,
): string {
  const who = `${authorName} or another engineer`;
  if (change.type !== 'emergency') {
    if (!closure) {
      return `Ready for production: ${who} deploys it`;
    }
    const what = closure.window.entityRef ? 'blackout' : 'freeze';
    return `Ready for production: deploy when the ${what} ends on ${reopensOn(
      closure.window,
      closure.window.timeZone,
    )}, or raise an emergency`;
  }
  const retro = 'the retrospective is due 48 hours after the deploy';
  if (!closure) {
    return `Approved: ${who} deploys the fix; ${retro}`;
  }
  return `Approved: ${who} may deploy the fix although production is ${closure.description}; the override is recorded, and ${retro}`;
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
