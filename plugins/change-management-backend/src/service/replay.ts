import canonicalize from 'canonicalize';
import {
  ActionRequest,
  applyAction,
  ChangeEvent,
  ChangeException,
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

const isSystemEvent = (action: string) =>
  SYSTEM_EVENTS.includes(action as SystemEvent);

/**
 * What a change's row must be, by replaying its events, oldest first,
 * through the workflow's own `applyAction`. The events were judged when they
 * were recorded, so the replay grants every role; it takes the exceptions
 * the event recorded (a freeze override depends on the calendar of the day).
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
    const { exceptions, ...fields } = event.fields as {
      exceptions?: ChangeException[];
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
          isEngineer: true,
        },
        now: new Date(event.at),
        allowSelfApproval: true,
        freezeTimeZone: 'UTC',
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
  }
  return change;
}

/** Not determined by the events: the Systems come from the catalog. */
const NOT_REPLAYED = 'affectedSystemRefs';

/** The change as compared: what the events determine, in canonical JSON. */
function comparable(change: StoredChange): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(change)) {
    if (key !== NOT_REPLAYED && value !== undefined) {
      result[key] = canonicalize(
        key === 'affectedEntityRefs' ? [...(value as string[])].sort() : value,
      )!;
    }
  }
  return result;
}

/** The record fields where a stored change differs from its replay. */
export function differences(
  stored: StoredChange,
  replayed: StoredChange,
): string[] {
  const a = comparable(stored);
  const b = comparable(replayed);
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter(key => a[key] !== b[key]).sort();
}
