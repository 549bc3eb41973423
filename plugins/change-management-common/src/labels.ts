import { DateTime } from 'luxon';
import type { AuditExceptionKind } from './audit';
import type { ChangeEvent } from './events';
import type { Conflict } from './landscape';
import type { ChangeAction, ChangeState, ChangeType } from './types';
import type { DraftField, Resubmission } from './workflow/resubmission';
import type { WindowWarningReason } from './workflow/windowWarnings';
import { transitionFor } from './workflow/transitions';

// The words people read: the portal, the CSV export and notifications show
// these instead of the contract's identifiers. One place, so that the page,
// the file an auditor opens and the bell say the same thing.

/** "Ready for production", not `ready_for_production`. @public */
export const STATE_LABELS: Record<ChangeState, string> = {
  draft: 'Draft',
  in_review: 'In review',
  awaiting_approval: 'Awaiting approval',
  approved: 'Approved',
  staging_verified: 'Staging verified',
  ready_for_production: 'Ready for production',
  deployed: 'Deployed',
  verified: 'Verified',
  retrospective_done: 'Retrospective done',
  completed: 'Completed',
  rolled_back: 'Rolled back',
  rejected: 'Rejected',
  cancelled: 'Cancelled',
};

/** @public */
export const TYPE_LABELS: Record<ChangeType, string> = {
  standard: 'Standard',
  emergency: 'Emergency',
  infrastructure: 'Infrastructure',
};

/** What went outside the workflow, as the change page and the audit say it. @public */
export const EXCEPTION_LABELS: Record<AuditExceptionKind, string> = {
  'waived-review': 'Waived review',
  'self-approval': 'Self-approval',
  'freeze-override': 'Freeze override',
  'late-retrospective': 'Late retrospective',
  'missing-retrospective': 'Missing retrospective',
  'not-verified': 'Never verified',
  'failed-verification': 'Failed verification',
  'rolled-back': 'Rolled back',
};

/**
 * What an event of the trail did, in words: "Recorded staging", not
 * `record-staging`. Where the words depend on the change's type (what a
 * submit asks for), {@link eventLabel} says them.
 *
 * @public
 */
export const EVENT_LABELS: Record<ChangeEvent['action'], string> = {
  create: 'Raised',
  edit: 'Edited',
  submit: 'Submitted',
  review: 'Reviewed',
  'request-changes': 'Requested changes',
  'waive-review': 'Waived the peer review',
  'return-to-review': 'Sent back for another peer review',
  approve: 'Approved',
  reject: 'Rejected',
  'record-staging': 'Recorded staging',
  'sign-off': 'Signed off for production',
  deploy: 'Deployed to production',
  verify: 'Recorded post-deployment verification',
  'roll-back': 'Rolled back',
  'document-retrospective': 'Documented the retrospective',
  'complete-review': 'Completed the post-deployment review',
  cancel: 'Cancelled',
  'reminder-sent': 'Sent a reminder',
  'retrospective-overdue': 'Retrospective overdue: escalated to the CTO',
  'verification-overdue': 'Verification overdue: escalated to the CTO',
};

/** What a submit asks for, by the state it leads to. */
const SUBMITTED_FOR: Partial<Record<ChangeState, string>> = {
  in_review: 'Submitted for peer review',
  awaiting_approval: 'Submitted for CTO approval',
};

/**
 * What an event did to a change of this type, in words: the history, the
 * evidence packet, the notices and the portal's confirmations say this. An
 * emergency is "Submitted for CTO approval", as its machine sends it
 * straight to the CTO; a standard change is "Submitted for peer review".
 *
 * @public
 */
export function eventLabel(
  action: ChangeEvent['action'],
  type: ChangeType,
): string {
  const to =
    action === 'submit' ? transitionFor(type, 'draft', action)?.to : undefined;
  return (to && SUBMITTED_FOR[to]) ?? EVENT_LABELS[action];
}

/** The text of each action's button in the portal, and of its dialog's title. @public */
export const ACTION_LABELS: Record<ChangeAction, string> = {
  edit: 'Edit draft',
  submit: 'Submit',
  review: 'Review',
  'request-changes': 'Request changes',
  'waive-review': 'Waive review',
  'return-to-review': 'Send back for another review',
  approve: 'Approve',
  reject: 'Reject',
  'record-staging': 'Record staging',
  'sign-off': 'Sign off',
  deploy: 'Deploy',
  verify: 'Verify',
  'roll-back': 'Roll back',
  'document-retrospective': 'Document retrospective',
  'complete-review': 'Complete review',
  cancel: 'Cancel change',
};

/**
 * What an action asks of the person it waits on, as a queue or a notice
 * names it: the CTO's "Complete review" is to review the retrospective.
 * @public
 */
export const YOUR_ACTION_LABELS: Record<ChangeAction, string> = {
  ...ACTION_LABELS,
  'complete-review': 'Review the retrospective',
};

/** The answers of the SOP's yes/no columns. @public */
export const ANSWER_LABELS = {
  yes: 'Yes',
  no: 'No',
  'n/a': 'N/A',
} as const;

/** The fields of a draft, as a sentence names them. @public */
export const DRAFT_FIELD_LABELS: Record<DraftField, string> = {
  title: 'Title',
  description: 'Description',
  risks: 'Risks',
  testingNotes: 'Testing notes',
  pullRequestUrl: 'Pull request URL',
  incident: 'Incident',
  proposedFix: 'Proposed fix',
  causedBy: 'Caused by',
  affectedEntityRefs: 'Affected entities',
  plannedStart: 'Planned start',
  plannedEnd: 'Planned end',
};

/** Why another change or a window collides with a planned window. @public */
export const CONFLICT_REASON_LABELS: Record<Conflict['reason'], string> = {
  'same-entity': 'Same entity',
  'same-system': 'Same System',
  dependency: 'One dependency away',
  freeze: 'Freeze',
  blackout: 'Blackout',
};

/** What a planned window's warning is about; its message says why. @public */
export const WINDOW_WARNING_LABELS: Record<WindowWarningReason, string> = {
  freeze: 'In the freeze',
  blackout: 'In a blackout',
  'outside-working-hours': 'Outside working hours',
};

/**
 * A resubmission in one line, for its reviewer: "Resubmitted after a failed
 * staging run — changed: risks, testing notes".
 *
 * @public
 */
export function describeResubmission(resubmitted: Resubmission): string {
  const why =
    resubmitted.sentBackFor === 'failed-staging'
      ? 'a failed staging run'
      : 'changes were requested';
  const changed = resubmitted.changes.length
    ? `changed: ${resubmitted.changes
        .map(c => DRAFT_FIELD_LABELS[c.field].toLocaleLowerCase('en-US'))
        .join(', ')}`
    : 'nothing changed';
  return `Resubmitted after ${why} — ${changed}`;
}

/**
 * A time for people, in a zone it names, since a team spans zones and an
 * emergency's 48 hours are exact: "Jun 10, 2026, 9:00 AM UTC". In the
 * reader's own zone by default (the portal); the server writes its notices
 * and evidence packets in the freeze calendar's zone.
 *
 * @public
 */
export function timeLabel(iso: string, zone?: string): string {
  return DateTime.fromISO(iso, { zone }).toLocaleString({
    ...DateTime.DATETIME_MED,
    timeZoneName: 'short',
  });
}
