import {
  AuditVerification,
  ChangeEvent,
} from '@trove/backstage-plugin-change-management-common';
import { ChainStore } from '../database/DatabaseChainStore';
import { GENESIS_HASH, hashEvent } from '../database/eventChain';
import { differences, replayEvents } from './replay';

/** Events per page of the chain, and changes per batch of the row check. */
const EVENT_PAGE = 5000;
const CHANGE_BATCH = 1000;

const headOf = (event: ChangeEvent) => ({
  eventId: event.id,
  hash: event.hash,
  at: event.at,
});

/**
 * Proves the audit trail was not edited: re-computes the hash chain in seq
 * order, compares it with every checkpoint taken before, and checks that
 * each change row is what its events replay to. It reads a page at a time
 * (the next page is fetched while this one is hashed), so memory stays flat
 * however long the log is.
 */
export class ChainVerifier {
  constructor(private readonly store: ChainStore) {}

  async verify(): Promise<AuditVerification> {
    return (await this.run()).result;
  }

  /**
   * Verifies, and records the head of a sound chain as a checkpoint (once
   * per head: a quiet night adds none). A bad change row does not stop the
   * checkpoint; it is the chain that checkpoints vouch for.
   */
  async verifyAndCheckpoint(now: Date): Promise<AuditVerification> {
    const { result, chainOk, last } = await this.run();
    if (chainOk && last) {
      const [newest] = await this.store.listCheckpoints(1);
      if (newest?.eventId !== last.id) {
        await this.store.addCheckpoint({
          ...headOf(last),
          seq: last.seq,
          createdAt: now.toISOString(),
        });
      }
    }
    return result;
  }

  private async run() {
    // Both read page by page; side by side, one hashes while the other
    // waits on the database.
    const [{ result, last }, rows] = await Promise.all([
      this.verifyChain(),
      this.verifyRows(),
    ]);
    if (!result.ok) {
      return { result, chainOk: false, last };
    }
    return {
      result: rows ? { ...result, ok: false, ...rows } : result,
      chainOk: true,
      last,
    };
  }

  private async verifyChain(): Promise<{
    result: AuditVerification;
    last?: ChangeEvent;
  }> {
    // The head is read first: events appended while we read are for the next
    // run, and the chain must reach exactly this event with this hash.
    const head = await this.store.head();
    const checkpoints = await this.store.listCheckpoints();
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

    let page = this.store.eventsAfter(0, EVENT_PAGE);
    let atHead = false;
    while (!atHead) {
      const events = await page;
      if (events.length === 0) {
        break;
      }
      page = this.store.eventsAfter(events[events.length - 1].seq, EVENT_PAGE);
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
    return { result: { ok: true, checked, head: last && headOf(last) }, last };
  }

  /** The first change whose row differs from what its events replay to. */
  private async verifyRows(): Promise<Partial<AuditVerification> | undefined> {
    let batch = this.store.changesAfter('', CHANGE_BATCH);
    for (;;) {
      const { changes, events } = await batch;
      if (changes.length === CHANGE_BATCH) {
        batch = this.store.changesAfter(
          changes[changes.length - 1].id,
          CHANGE_BATCH,
        );
      }
      for (const stored of changes) {
        const replayed = replayEvents(events.get(stored.id) ?? []);
        if ('problem' in replayed) {
          return {
            badChangeId: stored.id,
            firstBadEventId: replayed.event?.id,
            problem: `The events of change ${stored.id} do not replay: ${
              replayed.event ? `event ${replayed.event.id} ` : ''
            }${replayed.problem}`,
          };
        }
        const fields = differences(stored, replayed);
        if (fields.length) {
          return {
            badChangeId: stored.id,
            problem: `Change ${
              stored.id
            } differs from what its events record, in: ${fields.join(', ')}`,
          };
        }
      }
      if (changes.length < CHANGE_BATCH) {
        return undefined;
      }
    }
  }
}
