/**
 * The three change categories of the Change Management SOP.
 *
 * @public
 */
export const CHANGE_TYPES = [
  'standard',
  'emergency',
  'infrastructure',
] as const;

/** @public */
export type ChangeType = (typeof CHANGE_TYPES)[number];

/**
 * Every state of both state machines (docs/workflow.md). Standard and
 * infrastructure changes use one machine, emergencies another; some states
 * (draft, approved, deployed, completed, ...) appear in both.
 *
 * @public
 */
export const CHANGE_STATES = [
  'draft',
  'in_review',
  'awaiting_approval',
  'approved',
  'staging_verified',
  'ready_for_production',
  'deployed',
  'verified',
  'retrospective_done',
  'completed',
  'rolled_back',
  'rejected',
  'cancelled',
] as const;

/** @public */
export type ChangeState = (typeof CHANGE_STATES)[number];

/**
 * Every workflow action, `edit` of a draft included. Each is an edge of the
 * state machines in `workflow/transitions.ts`.
 *
 * @public
 */
export const CHANGE_ACTIONS = [
  'edit',
  'submit',
  'review',
  'request-changes',
  'waive-review',
  'approve',
  'reject',
  'record-staging',
  'sign-off',
  'deploy',
  'verify',
  'roll-back',
  'document-retrospective',
  'complete-review',
  'cancel',
] as const;

/** @public */
export type ChangeAction = (typeof CHANGE_ACTIONS)[number];

/** Severity of the incident an emergency change responds to. @public */
export type IncidentSeverity = 'P1' | 'P2';

/** @public */
export type YesNo = 'yes' | 'no';

/** The SOP's "Staging tested" column. @public */
export type StagingTested = 'yes' | 'no' | 'n/a';

/**
 * An exception to the normal workflow, kept on the record for auditors.
 *
 * @public
 */
export type ChangeExceptionKind =
  | 'waived-review'
  | 'self-approval'
  | 'freeze-override'
  | 'late-retrospective';

/** @public */
export type ChangeException = {
  kind: ChangeExceptionKind;
  /** The user entity ref of whoever caused the exception. */
  actor: string;
  /** ISO time. */
  at: string;
  detail: string;
};

/** Who did a step and when (ISO time). @public */
export type ChangeSignature = {
  by: string;
  at: string;
};

/**
 * One change: a row of the SOP's change log plus its workflow state.
 *
 * @public
 */
export type Change = {
  id: string;
  type: ChangeType;
  state: ChangeState;
  /** Increases with every accepted write; actions must send the last one seen. */
  version: number;
  title: string;
  /** What is being changed and why. */
  description: string;
  /** Risks and potential side effects. */
  risks: string;
  /** How the change was tested locally. */
  testingNotes: string;
  pullRequestUrl?: string;
  incident?: { ref: string; severity: IncidentSeverity };
  /** Emergency only: the fix proposed to the CTO. */
  proposedFix?: string;
  /** The entities the change touches (components, resources, systems, ...). */
  affectedEntityRefs: string[];
  /** The systems those entities belonged to when the change was raised. */
  affectedSystemRefs: string[];
  /** The author: the user who raised the change. */
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  reviewed?: ChangeSignature;
  approved?: ChangeSignature;
  signedOff?: ChangeSignature;
  stagingTested?: StagingTested;
  deployed?: ChangeSignature & { deploymentRef?: string };
  postDeploymentVerified?: YesNo;
  verified?: ChangeSignature;
  issuesEncountered?: string;
  /** Emergency only: exactly 48 hours after the production deploy. */
  retrospectiveDueAt?: string;
  retrospective?: ChangeSignature & {
    whatChanged: string;
    why: string;
    approvalReceived: string;
    late: boolean;
  };
  postDeploymentReview?: ChangeSignature & {
    preventable: YesNo;
    notes: string;
  };
  exceptions: ChangeException[];
  /** An emergency past its retrospective due time without a retrospective. */
  overdue: boolean;
};

/**
 * A change as returned to a particular caller: with the actions that caller
 * may take now.
 *
 * @public
 */
export type ChangeView = Change & {
  allowedActions: ChangeAction[];
};

/** A page of changes, newest first. @public */
export type ChangeList = {
  items: Change[];
  nextCursor?: string;
};
