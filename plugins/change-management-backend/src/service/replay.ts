import canonicalize from 'canonicalize';
import {
  ActionRequest,
  applyAction,
  ChangeEvent,
  ChangeException,
  ChangeRisk,
  NO_RISK_POLICIES,
  RiskPolicies,
  SYSTEM_EVENTS,
  SystemEvent,
} from '@trove/backstage-plugin-change-management-common';
import { StoredChange } from '../database/ChangeStore';
import { afterAction, newDraft } from './changeRecord';

/** Why a change's events do not replay, naming the event. */
export interface ReplayFailure {
  event?: ChangeEvent;
  problem: string;
}

/** Issue 24: a review event that says it was the first of two. */
const TWO_REVIEWS: RiskPolicies = {
  highRisk: { ...NO_RISK_POLICIES.highRisk, twoPeerReviews: true },
};

const isSystemEvent = (action: string) =>
  SYSTEM_EVENTS.includes(action as SystemEvent);

/**
 * What a change's row must be, by replaying its events, oldest first,
 * through the workflow's own `applyAction`. The events were judged when they
 * were recorded, so the replay grants every role; it takes the exceptions
 * the event recorded (a freeze override depends on the calendar of the day),
 * and the policy a first of two reviews recorded (config of the day).
 * System events (reminders, escalations) do not move a change.
 */
export function replayEvents(
  events: ChangeEvent[],
): StoredChange | ReplayFailure {
  const [first, ...rest] = events;
  if (first?.action !== 'create') {
    return { event: first, problem: 'does not start with its create event' };
  }
  const { affectedEntityRefs, ...draft } = first.fields as any;
  let change: StoredChange = {
    ...newDraft({ id: first.changeId, draft, by: first.actor, at: first.at }),
    affectedEntityRefs,
  };
  for (const event of rest.filter(e => !isSystemEvent(e.action))) {
    // The PR snapshot (issue 20) is evidence, not a field of the action.
    const {
      exceptions,
      risk,
      peerReviewsRequired,
      pullRequest: _evidence,
      ...fields
    } = event.fields as {
      pullRequest?: unknown;
      exceptions?: ChangeException[];
      risk?: ChangeRisk;
      peerReviewsRequired?: number;
    };
    const outcome = applyAction(
      { ...change, overdue: false },
      {
        ...fields,
        action: event.action,
        version: change.version,
      } as ActionRequest,
      {
        actor: {
          userEntityRef: event.actor,
          isCto: true,
          engineerOf: 'any',
        },
        now: new Date(event.at),
        allowSelfApproval: true,
        freezeTimeZone: 'UTC',
        riskPolicies: peerReviewsRequired === 2 ? TWO_REVIEWS : undefined,
      },
    );
    if (!outcome.ok) {
      return { event, problem: `does not replay: ${outcome.message}` };
    }
    if (event.fromState !== change.state || event.toState !== outcome.to) {
      return {
        event,
        problem: `moves ${event.fromState} to ${event.toState}, but replays from ${change.state} to ${outcome.to}`,
      };
    }
    change = afterAction(change, outcome, exceptions ?? [], event.at);
    // Issue 24: an edit and a submit store the risk they assessed (none
    // when the risk is off); the other events leave it as it was.
    if (event.action === 'edit' || event.action === 'submit') {
      change = { ...change, risk };
    }
  }
  return change;
}

/** What the events determine of a change: all but the Systems, from the catalog. */
function determined(change: StoredChange): Partial<StoredChange> {
  const { affectedSystemRefs: _notReplayed, ...rest } = change;
  return {
    ...rest,
    affectedEntityRefs: [...change.affectedEntityRefs].sort(),
  };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;
const hasToJson = (value: Record<string, unknown>) =>
  typeof value.toJSON === 'function';

/**
 * Whether two records have the same canonical JSON (RFC 8785, as
 * `canonicalize` writes it) without writing it: key order aside, a member
 * that is undefined is absent, and an undefined item is null. Writing both
 * records was a third of the row check's time.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) {
    return true;
  }
  if (!isObject(a) || !isObject(b)) {
    return false;
  }
  if (hasToJson(a) || hasToJson(b)) {
    return canonicalize(a) === canonicalize(b);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, i) => sameJson(item ?? null, b[i] ?? null))
    );
  }
  const members = (o: Record<string, unknown>) =>
    Object.keys(o).filter(key => o[key] !== undefined);
  const keys = members(a);
  return (
    keys.length === members(b).length &&
    keys.every(key => sameJson(a[key], b[key]))
  );
}

/** The record fields where a stored change differs from its replay. */
export function differences(
  stored: StoredChange,
  replayed: StoredChange,
): string[] {
  const a = determined(stored) as Record<string, unknown>;
  const b = determined(replayed) as Record<string, unknown>;
  // One comparison of the whole record; field by field only to name them.
  if (sameJson(a, b)) {
    return [];
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys]
    .filter(key => !sameJson(a[key] ?? null, b[key] ?? null))
    .sort();
}
