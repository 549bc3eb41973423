import { ProductionClosure } from '../blackouts';
import { Change, ChangeAction } from '../types';
import { nextSteps, openActions, WorkflowChange } from './waitsOn';

/** Where a pipeline deploys. @public */
export type GateEnvironment = 'production' | 'staging';

/** What a pipeline is told before it deploys. @public */
export type GateDecision = { allowed: boolean; reasons: string[] };

/** What a change waits for before its next step, in a developer's words. */
const WAITING_FOR: Partial<Record<ChangeAction, string>> = {
  submit: 'Waiting for the author to submit it',
  review: 'Waiting for a peer review by an engineer other than the author',
  approve: 'Waiting for CTO approval',
  'record-staging': 'Waiting for the staging results to be recorded',
  'sign-off': 'Waiting for CTO sign-off for production',
  verify: 'Already deployed; waiting for post-deployment verification',
  'document-retrospective': 'Already deployed; waiting for the retrospective',
  'complete-review':
    "Already deployed; waiting for the CTO's post-deployment review",
};

/** Why the change cannot deploy yet, from its next step in the workflow. */
export function waitingReason(change: WorkflowChange): string {
  const [next] = nextSteps(change);
  if (!next) {
    return `The change is ${change.state.replace(
      /_/g,
      ' ',
    )}; nothing more is deployed under it. Raise a new change`;
  }
  return WAITING_FOR[next] ?? `Waiting for the ${next} step`;
}

/**
 * May this change go to this environment now? The workflow decides (the
 * deploy step must be open; for staging, the staging step or the deploy),
 * then, for production, the freeze and blackouts: an emergency goes
 * through them, named in the reasons, as the SOP allows.
 *
 * @public
 */
export function gateDecision(
  change: WorkflowChange & Pick<Change, 'approved'>,
  environment: GateEnvironment,
  closure?: ProductionClosure,
): GateDecision {
  const open = openActions(change);
  if (environment === 'staging') {
    return open.includes('record-staging') || open.includes('deploy')
      ? { allowed: true, reasons: [] }
      : { allowed: false, reasons: [waitingReason(change)] };
  }
  if (!open.includes('deploy')) {
    return { allowed: false, reasons: [waitingReason(change)] };
  }
  if (!closure) {
    return { allowed: true, reasons: [] };
  }
  if (change.type !== 'emergency') {
    return {
      allowed: false,
      reasons: [
        `Production is ${
          closure.description
        }: only emergency changes may deploy. Deploy once it reopens on ${closure.window.end.slice(
          0,
          10,
        )}, or raise an emergency change`,
      ],
    };
  }
  return {
    allowed: true,
    reasons: [
      `Emergency: deploys while production is ${closure.description}, on the CTO approval of ${change.approved?.by}; the override is recorded`,
    ],
  };
}
