import { ChangeAction, ChangeState, ChangeType } from '../types';

/**
 * Who may take an action, before separation of duties is applied:
 * - `author`: only the change's author;
 * - `engineer`: any engineer (`changeManagement.roles.engineers`);
 * - `reviewer`: any engineer but the author;
 * - `cto`: only a holder of the CTO role;
 * - `author-or-cto`: the author or a holder of the CTO role.
 *
 * @public
 */
export type ActionRole =
  | 'author'
  | 'engineer'
  | 'reviewer'
  | 'cto'
  | 'author-or-cto';

/**
 * What an edge does to the change:
 * - `forward`: the SOP's next step; a change with one open waits on its role;
 * - `waiver`: skips a step as a recorded exception (waive-review);
 * - `rework`: back to, or within, the draft (edit, request-changes), or
 *   back to peer review (return-to-review);
 * - `stop`: ends or undoes the change (cancel, reject, roll-back).
 *
 * @public
 */
export type TransitionKind = 'forward' | 'waiver' | 'rework' | 'stop';

/**
 * Facts of a change's record that some edges depend on, beside its state: a
 * rolled-back emergency still owes its retrospective, then its review.
 *
 * @public
 */
export type RecordFacts = {
  retrospective: boolean;
  postDeploymentReview: boolean;
};

/** One edge of a state machine. @public */
export interface Transition {
  to: ChangeState;
  role: ActionRole;
  kind: TransitionKind;
  /** The record facts the edge needs; it is closed while one does not hold. */
  needs?: Partial<RecordFacts>;
}

/** @public */
export type Machine = Partial<
  Record<ChangeState, Partial<Record<ChangeAction, Transition>>>
>;

const cancel: Transition = {
  to: 'cancelled',
  role: 'author-or-cto',
  kind: 'stop',
};

/**
 * Standard and infrastructure changes: PR review, CTO approval, staging, CTO
 * sign-off, production, verification (docs/workflow.md).
 */
const standardMachine: Machine = {
  draft: {
    edit: { to: 'draft', role: 'author', kind: 'rework' },
    submit: { to: 'in_review', role: 'author', kind: 'forward' },
    cancel,
  },
  in_review: {
    review: { to: 'awaiting_approval', role: 'reviewer', kind: 'forward' },
    'request-changes': { to: 'draft', role: 'reviewer', kind: 'rework' },
    'waive-review': { to: 'awaiting_approval', role: 'cto', kind: 'waiver' },
    cancel,
  },
  awaiting_approval: {
    approve: { to: 'approved', role: 'cto', kind: 'forward' },
    'request-changes': { to: 'draft', role: 'cto', kind: 'rework' },
    // For a CTO-role holder whose own review keeps them from approving
    // (checkAction): another engineer reviews it, the draft unchanged.
    'return-to-review': { to: 'in_review', role: 'cto', kind: 'rework' },
    reject: { to: 'rejected', role: 'cto', kind: 'stop' },
    cancel,
  },
  approved: {
    // A failed check sends the change back to draft instead (applyAction).
    'record-staging': {
      to: 'staging_verified',
      role: 'engineer',
      kind: 'forward',
    },
    cancel,
  },
  staging_verified: {
    'sign-off': { to: 'ready_for_production', role: 'cto', kind: 'forward' },
    cancel,
  },
  ready_for_production: {
    deploy: { to: 'deployed', role: 'engineer', kind: 'forward' },
    cancel,
  },
  deployed: {
    verify: { to: 'completed', role: 'engineer', kind: 'forward' },
    'roll-back': { to: 'rolled_back', role: 'engineer', kind: 'stop' },
  },
};

/**
 * Emergency changes (hotfixes): the CTO authorises a direct production
 * deploy; the retrospective and a post-deployment review follow.
 */
const emergencyMachine: Machine = {
  draft: {
    edit: { to: 'draft', role: 'author', kind: 'rework' },
    submit: { to: 'awaiting_approval', role: 'author', kind: 'forward' },
    cancel,
  },
  awaiting_approval: {
    approve: { to: 'approved', role: 'cto', kind: 'forward' },
    reject: { to: 'rejected', role: 'cto', kind: 'stop' },
    cancel,
  },
  approved: {
    deploy: { to: 'deployed', role: 'engineer', kind: 'forward' },
    cancel,
  },
  deployed: {
    verify: { to: 'verified', role: 'engineer', kind: 'forward' },
    'roll-back': { to: 'rolled_back', role: 'engineer', kind: 'stop' },
  },
  verified: {
    'document-retrospective': {
      to: 'retrospective_done',
      role: 'author',
      kind: 'forward',
    },
  },
  retrospective_done: {
    'complete-review': { to: 'completed', role: 'cto', kind: 'forward' },
  },
  // A rolled-back hotfix still owes its retrospective, then the CTO's review;
  // both are recorded without leaving rolled_back.
  rolled_back: {
    'document-retrospective': {
      to: 'rolled_back',
      role: 'author',
      kind: 'forward',
      needs: { retrospective: false },
    },
    'complete-review': {
      to: 'rolled_back',
      role: 'cto',
      kind: 'forward',
      needs: { retrospective: true, postDeploymentReview: false },
    },
  },
};

/** The machines, each with the change types that follow it. @public */
export const MACHINES: { types: ChangeType[]; machine: Machine }[] = [
  { types: ['standard', 'infrastructure'], machine: standardMachine },
  { types: ['emergency'], machine: emergencyMachine },
];

/** The state machine of a change type. @public */
export function machineFor(type: ChangeType): Machine {
  return type === 'emergency' ? emergencyMachine : standardMachine;
}

/** The edges out of a state, whoever asks and whatever the record says. */
export function edgesFrom(
  type: ChangeType,
  state: ChangeState,
): [ChangeAction, Transition][] {
  return Object.entries(machineFor(type)[state] ?? {}) as [
    ChangeAction,
    Transition,
  ][];
}

/** Whether the record meets what an edge needs. @public */
export function needsMet(transition: Transition, facts: RecordFacts): boolean {
  return Object.entries(transition.needs ?? {}).every(
    ([fact, value]) => facts[fact as keyof RecordFacts] === value,
  );
}

/** The edge for an action from a state, if there is one. @public */
export function transitionFor(
  type: ChangeType,
  state: ChangeState,
  action: ChangeAction,
): Transition | undefined {
  return machineFor(type)[state]?.[action];
}

/**
 * The path a change of this type normally takes, for steppers: the forward
 * edges from draft, followed until none leads to a new state.
 *
 * @public
 */
export function happyPath(type: ChangeType): ChangeState[] {
  const path: ChangeState[] = ['draft'];
  for (;;) {
    const here = path[path.length - 1];
    const next = edgesFrom(type, here).find(
      ([, t]) => t.kind === 'forward' && !path.includes(t.to),
    );
    if (!next) {
      return path;
    }
    path.push(next[1].to);
  }
}
