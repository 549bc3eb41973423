import {
  AuditVerification,
  ChangeEvent,
} from '@trove/backstage-plugin-change-management-common';
import { ChainStore } from '../database/ChainStore';
import { GENESIS_HASH, hashEvent } from '../database/eventChain';
import { HEAD_GONE } from './expectedHistory';

/** Events per page of the chain. */
const EVENT_PAGE = 5000;

/** The last event of a verified chain, which a checkpoint records. */
export interface ChainEnd {
  id: string;
  seq: number;
  hash: string;
  at: string;
}

/** The head of a verification's result. */
export const headOf = (event: ChangeEvent) => ({
  eventId: event.id,
  hash: event.hash,
  at: event.at,
});

/**
 * The chain walked in seq order, from the first event to the head: each
 * event's link to the one before it, its hash and every checkpoint on the
 * way. It names the first bad event exactly; verification walks only when
 * it found something wrong.
 */
export async function walkChain(store: ChainStore): Promise<{
  result: AuditVerification;
  last?: ChainEnd;
}> {
  // The head is read first: events appended while we read are for the next
  // run, and the chain must reach exactly this event with this hash.
  const head = await store.head();
  if (!head) {
    return { result: { ok: false, checked: 0, problem: HEAD_GONE } };
  }
  const checkpoints = await store.listCheckpoints();
  let next = 0;
  let previousHash = GENESIS_HASH;
  let checked = 0;
  let last: ChangeEvent | undefined;
  const bad = (eventId: string | undefined, problem: string) => ({
    result: {
      ok: false,
      checked,
      firstBadEventId: eventId,
      problem,
      head: last && headOf(last),
    },
  });

  let page = store.eventsAfter(0, EVENT_PAGE);
  let atHead = false;
  while (!atHead) {
    const events = await page;
    if (events.length === 0) {
      break;
    }
    page = store.eventsAfter(events[events.length - 1].seq, EVENT_PAGE);
    for (const event of events) {
      if (event.previousHash !== previousHash) {
        return bad(
          event.id,
          `Event ${event.id} does not follow the event before it: events were removed, reordered or inserted`,
        );
      }
      if (event.hash !== hashEvent(previousHash, event)) {
        return bad(
          event.id,
          `Event ${event.id} was edited: its hash does not match its content`,
        );
      }
      for (
        ;
        next < checkpoints.length && checkpoints[next].seq <= event.seq;
        next++
      ) {
        const cp = checkpoints[next];
        if (cp.eventId !== event.id || cp.hash !== event.hash) {
          return bad(
            cp.eventId,
            `History up to event ${cp.eventId} was rewritten after the checkpoint of ${cp.createdAt}: it no longer ends with hash ${cp.hash}`,
          );
        }
      }
      previousHash = event.hash;
      checked += 1;
      last = event;
      if (event.id === head.eventId) {
        atHead = true;
        break;
      }
    }
  }
  // The page read ahead is not needed; only keep its failure quiet.
  page.catch(() => undefined);
  if (next < checkpoints.length) {
    const cp = checkpoints[next];
    return bad(
      cp.eventId,
      `Event ${cp.eventId}, recorded at the checkpoint of ${cp.createdAt}, is missing`,
    );
  }
  if (previousHash !== head.hash || last?.id !== head.eventId) {
    return bad(
      head.eventId,
      `The newest events were removed: the chain should end with event ${head.eventId}`,
    );
  }
  return {
    result: { ok: true, checked, head: last && headOf(last) },
    last: last && { ...headOf(last), id: last.id, seq: last.seq },
  };
}
