import type { ChangeEvent } from '../events';
import type { ChangeSignature } from '../types';

/** The fields of a draft that its author writes, in the form's order. @public */
export const DRAFT_FIELDS = [
  'title',
  'description',
  'risks',
  'testingNotes',
  'pullRequestUrl',
  'incident',
  'proposedFix',
  'causedBy',
  'affectedEntityRefs',
  'plannedStart',
  'plannedEnd',
] as const;

/** @public */
export type DraftField = (typeof DRAFT_FIELDS)[number];

/** One field the author changed before submitting again. @public */
export interface DraftFieldChange {
  field: DraftField;
  /** As it was when the change was sent back; undefined when empty. */
  before: unknown;
  /** As it was submitted again. */
  after: unknown;
}

/**
 * A change submitted again after it was sent back: why it went back, who
 * sent it and when, and what its author changed since.
 *
 * @public
 */
export interface Resubmission {
  /** A failed staging run, or changes requested by a reviewer or the CTO. */
  sentBackFor: 'failed-staging' | 'changes-requested';
  sentBack: ChangeSignature;
  resubmitted: ChangeSignature;
  changes: DraftFieldChange[];
}

type Draft = Partial<Record<DraftField, unknown>>;

/** A draft as an event wrote it: the whole draft, on create and edit. */
function draftOf(event?: ChangeEvent): Draft {
  const fields = (event?.fields ?? {}) as Draft;
  return Object.fromEntries(DRAFT_FIELDS.map(f => [f, fields[f]]));
}

/** An event that sent the change back to draft. */
const sendsBack = (e: ChangeEvent) =>
  e.toState === 'draft' && !!e.fromState && e.fromState !== 'draft';

/** Whether a field reads the same; an empty field is left out or ''. */
const same = (a: unknown, b: unknown) =>
  JSON.stringify(a ?? '') === JSON.stringify(b ?? '');

/**
 * What the reviewer and the CTO should know of a change submitted again,
 * read from its events: the send-back before its last submit (a
 * `request-changes`, or a `record-staging` that failed) and the draft
 * fields its author edited in between, each before and after. Undefined
 * when the last submit was the first, once the change is approved (the
 * resubmission has then been judged), and once it is sent back again.
 *
 * @public
 */
export function resubmission(events: ChangeEvent[]): Resubmission | undefined {
  const trail = [...events].sort((a, b) => a.seq - b.seq);
  const submit = trail.map(e => e.action).lastIndexOf('submit');
  const since = trail.slice(submit + 1);
  if (submit < 0 || since.some(e => e.action === 'approve' || sendsBack(e))) {
    return undefined;
  }
  const back = trail.slice(0, submit).map(sendsBack).lastIndexOf(true);
  if (back < 0) {
    return undefined;
  }
  // Each create and edit event holds the whole draft: the last of each
  // side of the send-back is the draft then.
  const lastDraft = (upTo: number) =>
    draftOf(
      trail
        .slice(0, upTo)
        .filter(e => e.action === 'create' || e.action === 'edit')
        .pop(),
    );
  const before = lastDraft(back);
  const after = lastDraft(submit);
  const sentBack = trail[back];
  return {
    sentBackFor:
      sentBack.action === 'record-staging'
        ? 'failed-staging'
        : 'changes-requested',
    sentBack: { by: sentBack.actor, at: sentBack.at },
    resubmitted: { by: trail[submit].actor, at: trail[submit].at },
    changes: DRAFT_FIELDS.filter(f => !same(before[f], after[f])).map(
      field => ({ field, before: before[field], after: after[field] }),
    ),
  };
}
