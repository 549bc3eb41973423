import { describeClosure, describeReopening } from '../blackouts';
import { RefusalWindow } from '../errors';
import { STATE_LABELS } from '../labels';
import { DeployVerdict } from '../responses';
import { Change, ChangeAction } from '../types';
import { machineFor } from './transitions';
import { nextSteps, openActions, WorkflowChange } from './waitsOn';
import { closuresHold } from './plannedWindow';
import { outsideWorkingHours, RiskPolicies } from './riskPolicies';
import type { WorkingHours } from './windowWarnings';

/** Where a pipeline deploys. @public */
export type GateEnvironment = 'production' | 'staging';

/** The actions that open the gate to an environment. */
const OPENING: Record<GateEnvironment, ChangeAction[]> = {
  production: ['deploy'],
  staging: ['record-staging', 'deploy'],
};

/** Whether any state the change can still reach opens the gate. */
function canStillOpen(change: WorkflowChange, env: GateEnvironment) {
  const machine = machineFor(change.type);
  const seen = [change.state];
  for (let i = 0; i < seen.length; i++) {
    const edges = machine[seen[i]] ?? {};
    if (OPENING[env].some(action => action in edges)) {
      return true;
    }
    for (const t of Object.values(edges)) {
      if (t && !seen.includes(t.to)) seen.push(t.to);
    }
  }
  return false;
}

/**
 * What a change waits for before its next step, in a developer's words,
 * naming its author as given (`the author` for a pipeline).
 */
const WAITING_FOR: Partial<Record<ChangeAction, (author: string) => string>> = {
  submit: author => `Waiting for ${author} to submit it`,
  review: author =>
    `Waiting for a peer review by an engineer other than ${author}`,
  approve: () => 'Waiting for CTO approval',
  'record-staging': author =>
    `Waiting for ${author} or another engineer to record the staging results`,
  'sign-off': () => 'Waiting for CTO sign-off for production',
  verify: author =>
    `Already deployed; waiting for ${author} or another engineer to verify it in production`,
  'document-retrospective': author =>
    `Already deployed; waiting for the retrospective from ${author}`,
  'complete-review': () =>
    "Already deployed; waiting for the CTO's post-deployment review",
};

/**
 * Why the change cannot deploy yet, from its next step in the workflow.
 *
 * @public
 */
export function waitingReason(
  change: WorkflowChange & Partial<Pick<Change, 'reviewed'>>,
  authorName = 'the author',
  reviewerName = change.reviewed?.by,
): string {
  const [next] = nextSteps(change);
  if (!next) {
    return `The change is ${STATE_LABELS[change.state].toLocaleLowerCase(
      'en-US',
    )}; nothing more is deployed under it. Raise a new change`;
  }
  if (next === 'review' && change.reviewed) {
    // The first of two reviews is on record (twoPeerReviews).
    return `Waiting for a second peer review by an engineer other than ${authorName} and ${reviewerName}`;
  }
  return WAITING_FOR[next]?.(authorName) ?? `Waiting for the ${next} step`;
}

/**
 * May this change go to this environment now, and why not? The one judge of
 * a deploy: the deploy action, the gate and the change page all read it.
 * The workflow decides first (the deploy step must be open; for staging, the
 * staging step or the deploy), then, for production, the freeze or blackout
 * (productionClosure): it holds a standard or infrastructure change back,
 * and an emergency goes through it, named in the reasons, as the SOP allows.
 * `final` says the gate can never open for this change there, so waiting is
 * pointless.
 *
 * @public
 */
export function deployVerdict(
  change: WorkflowChange &
    Pick<Change, 'approved'> &
    Partial<Pick<Change, 'reviewed' | 'risk'>>,
  environment: GateEnvironment,
  closure?: RefusalWindow,
  /** Issue 24: the risk-based policies, working hours and the time. */
  policy?: {
    policies?: RiskPolicies;
    workingHours?: WorkingHours;
    now: Date;
  },
): DeployVerdict {
  const open = openActions(change);
  if (!OPENING[environment].some(action => open.includes(action))) {
    return {
      allowed: false,
      reasons: [waitingReason(change)],
      final: !canStillOpen(change, environment),
    };
  }
  if (environment === 'staging') {
    return { allowed: true, reasons: [], final: false };
  }
  const outside = policy && !closure && outsideWorkingHours(change, policy);
  if (outside) {
    return {
      allowed: false,
      final: false,
      reasons: [outside],
      heldByPolicy: 'noDeployOutsideWorkingHours',
    };
  }
  if (!closure) {
    return { allowed: true, reasons: [], final: false };
  }
  const closed = describeClosure(closure);
  if (closuresHold(change.type)) {
    return {
      allowed: false,
      final: false,
      reasons: [
        `Production is ${closed}: only emergency changes may deploy. Deploy once it reopens ${describeReopening(
          closure,
        )}, or raise an emergency change`,
      ],
      heldBy: closure,
    };
  }
  return {
    allowed: true,
    final: false,
    reasons: [
      `Emergency: deploys while production is ${closed}, on the CTO approval of ${change.approved?.by}; the override is recorded`,
    ],
    override: closure,
  };
}
