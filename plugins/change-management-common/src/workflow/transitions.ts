import { ChangeAction, ChangeState, ChangeType } from '../types';

/**
 * Who may take an action, before separation of duties is applied:
 * - `author`: only the change's author;
 * - `engineer`: any signed-in user;
 * - `reviewer`: any signed-in user but the author;
 * - `cto`: only a holder of the CTO role;
 * - `author-or-cto`: the author or a holder of the CTO role.
 */
export type ActionRole =
  | 'author'
  | 'engineer'
  | 'reviewer'
  | 'cto'
  | 'author-or-cto';

/** One edge of a state machine. */
export interface Transition {
  to: ChangeState;
  role: ActionRole;
}

type Machine = Partial<
  Record<ChangeState, Partial<Record<ChangeAction, Transition>>>
>;

const cancel: Transition = { to: 'cancelled', role: 'author-or-cto' };

/**
 * Standard and infrastructure changes (WORKFLOW.md): PR review, CTO approval,
 * staging, CTO sign-off, production, verification.
 */
const standardMachine: Machine = {
  draft: {
    submit: { to: 'in_review', role: 'author' },
    cancel,
  },
  in_review: {
    review: { to: 'awaiting_approval', role: 'reviewer' },
    'request-changes': { to: 'draft', role: 'reviewer' },
    'waive-review': { to: 'awaiting_approval', role: 'cto' },
    cancel,
  },
  awaiting_approval: {
    approve: { to: 'approved', role: 'cto' },
    'request-changes': { to: 'draft', role: 'cto' },
    reject: { to: 'rejected', role: 'cto' },
    cancel,
  },
  approved: {
    // A failed check sends the change back to draft instead (see decide).
    'record-staging': { to: 'staging_verified', role: 'engineer' },
    cancel,
  },
  staging_verified: {
    'sign-off': { to: 'ready_for_production', role: 'cto' },
    cancel,
  },
  ready_for_production: {
    deploy: { to: 'deployed', role: 'engineer' },
    cancel,
  },
  deployed: {
    verify: { to: 'completed', role: 'engineer' },
    'roll-back': { to: 'rolled_back', role: 'engineer' },
  },
};

/**
 * Emergency changes (hotfixes): the CTO authorises a direct production
 * deploy; the retrospective and a post-deployment review follow.
 */
const emergencyMachine: Machine = {
  draft: {
    submit: { to: 'awaiting_approval', role: 'author' },
    cancel,
  },
  awaiting_approval: {
    approve: { to: 'approved', role: 'cto' },
    reject: { to: 'rejected', role: 'cto' },
    cancel,
  },
  approved: {
    deploy: { to: 'deployed', role: 'engineer' },
    cancel,
  },
  deployed: {
    verify: { to: 'verified', role: 'engineer' },
    'roll-back': { to: 'rolled_back', role: 'engineer' },
  },
  verified: {
    'document-retrospective': { to: 'retrospective_done', role: 'author' },
  },
  retrospective_done: {
    'complete-review': { to: 'completed', role: 'cto' },
  },
  // A rolled-back hotfix still owes its retrospective (WORKFLOW.md); it is
  // recorded, and reviewed, without leaving rolled_back.
  rolled_back: {
    'document-retrospective': { to: 'rolled_back', role: 'author' },
    'complete-review': { to: 'rolled_back', role: 'cto' },
  },
};

/** The state machine of a change type. */
export function machineFor(type: ChangeType): Machine {
  return type === 'emergency' ? emergencyMachine : standardMachine;
}

/** The actions the machine offers in a state, whoever asks. */
export function actionsFrom(
  type: ChangeType,
  state: ChangeState,
): ChangeAction[] {
  return Object.keys(machineFor(type)[state] ?? {}) as ChangeAction[];
}

/** The edge for an action from a state, if there is one. */
export function transitionFor(
  type: ChangeType,
  state: ChangeState,
  action: ChangeAction,
): Transition | undefined {
  return machineFor(type)[state]?.[action];
}

/** The path a change of this type normally takes, for steppers. */
export function happyPath(type: ChangeType): ChangeState[] {
  return type === 'emergency'
    ? [
        'draft',
        'awaiting_approval',
        'approved',
        'deployed',
        'verified',
        'retrospective_done',
        'completed',
      ]
    : [
        'draft',
        'in_review',
        'awaiting_approval',
        'approved',
        'staging_verified',
        'ready_for_production',
        'deployed',
        'completed',
      ];
}
