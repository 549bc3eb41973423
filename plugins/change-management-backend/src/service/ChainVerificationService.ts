import {
  AuditVerification,
  ChangeEvent,
} from '@trove/backstage-plugin-change-management-common';
import { StoredChange } from '../database/ChangeStore';
import { ChainStore } from '../database/ChainStore';
import { GENESIS_HASH, hashEvent } from '../database/eventChain';
import { CheckpointSigner } from './CheckpointSigner';
import { ExpectedHead, HEAD_GONE, missingHistory } from './expectedHistory';
import { outboxMessage } from './outboxHandlers';
import { differences, replayEvents } from './replay';

/** Events per page of the chain, and changes per batch of the row check. */
const EVENT_PAGE = 5000;
const CHANGE_BATCH = 1000;

/** The last event of a verified chain, which a checkpoint records. */
interface ChainEnd {
  id: string;
  seq: number;
  hash: string;
  at: string;
}

const headOf = (event: ChangeEvent) => ({
  eventId: event.id,
  hash: event.hash,
  at: event.at,
});

/**
 * Proves the audit trail was not edited: re-computes the hash chain,
 * compares it with every checkpoint taken before, and checks that each
 * change row is what its events replay to. It reads a batch at a time (the
 * next is fetched while this one is checked), so memory stays flat however
 * long the log is.
 */
export class ChainVerificationService {
  constructor(
    private readonly store: ChainStore,
    private readonly expectedHead?: ExpectedHead,
    /** Signs each checkpoint, and checks those it signed, when a key is set. */
    private readonly signer?: CheckpointSigner,
  ) {}

  async verify(): Promise<AuditVerification> {
    return (await this.runAndCheckSignatures()).result;
  }

  /**
   * Verifies, and records the head of a sound chain as a checkpoint (once
   * per head and key: a quiet night adds none, unless the key is new), signed
   * if a key is set and published on the events service through the outbox.
   * A bad change row does not stop the checkpoint; it is the chain that
   * checkpoints vouch for.
   */
  async verifyAndCheckpoint(now: Date): Promise<AuditVerification> {
    const { result, chainOk, last } = await this.runAndCheckSignatures();
    if (chainOk && last) {
      const [newest] = await this.store.listCheckpoints(1);
      if (
        newest?.eventId !== last.id ||
        (this.signer && newest.keyFingerprint !== this.signer.fingerprint)
      ) {
        const head = {
          eventId: last.id,
          hash: last.hash,
          at: last.at,
          seq: last.seq,
          createdAt: now.toISOString(),
        };
        const checkpoint = this.signer?.sign(head) ?? head;
        await this.store.addCheckpoint(checkpoint, [
          outboxMessage('checkpoint-event', { version: 1, ...checkpoint }),
        ]);
      }
    }
    return result;
  }

  /**
   * The chain's verdict, unless it holds and a checkpoint lacks the
   * signature it should carry: then history and checkpoint were rewritten
   * together, and no new checkpoint may vouch for them.
   */
  private async runAndCheckSignatures() {
    const [outcome, forged] = await Promise.all([
      this.run(),
      this.signer?.findForgery(() => this.store.listCheckpoints()),
    ]);
    if (!forged || !outcome.chainOk) {
      return outcome;
    }
    const { checked, head } = outcome.result;
    return { result: { ok: false, checked, head, ...forged }, chainOk: false };
  }

  /**
   * Reads each event once. The database checks the links (each previous
   * hash against the hash before it, in seq order) while the row check
   * re-computes every event's hash as it replays the changes. When either
   * finds anything wrong, the chain is walked in seq order to name the first
   * bad event exactly; a sound chain, the common case, is never walked.
   */
  private async run(): Promise<{
    result: AuditVerification;
    chainOk: boolean;
    last?: ChainEnd;
  }> {
    // The head is read first: events appended while we read are for the next
    // run, and the chain must reach exactly this event with this hash.
    const head = await this.store.head();
    const missing = await missingHistory(this.store, head, this.expectedHead);
    if (missing || !head) {
      return {
        result: { ok: false, checked: 0, problem: missing ?? HEAD_GONE },
        chainOk: false,
      };
    }
    let headSeq: number | undefined;
    if (head.eventId) {
      headSeq = await this.store.seqOf(head.eventId);
    } else if (head.hash === GENESIS_HASH) {
      headSeq = 0;
    }
    if (headSeq === undefined) {
      // The head's event is gone: the walk names what is missing.
      return this.walk();
    }
    const [links, rows, checkpoints] = await Promise.all([
      this.store.chainLinks(headSeq),
      this.verifyRows(headSeq),
      this.checkpointsHold(headSeq),
    ]);
    const sound =
      rows.hashesHold &&
      checkpoints &&
      links.firstBreak === undefined &&
      (links.last
        ? links.last.id === head.eventId && links.last.hash === head.hash
        : head.hash === GENESIS_HASH);
    if (!sound || rows.hashed > links.count) {
      return this.walk(rows.problem);
    }
    if (rows.hashed < links.count) {
      // Every event is sound but some were not replayed: their change rows
      // are gone, deleted behind the foreign key.
      const orphan = await this.store.firstOrphanEvent(headSeq);
      return this.walk({
        firstBadEventId: orphan,
        problem: `Event ${orphan} belongs to a change whose row was deleted`,
      });
    }
    const last = links.last && { ...links.last, seq: headSeq };
    const result: AuditVerification = {
      ok: true,
      checked: links.count,
      head: last && { eventId: last.id, hash: last.hash, at: last.at },
    };
    return {
      result: rows.problem ? { ...result, ok: false, ...rows.problem } : result,
      chainOk: true,
      last,
    };
  }

  /** Every checkpoint up to the head names the event at its seq. */
  private async checkpointsHold(headSeq: number): Promise<boolean> {
    const checkpoints = await this.store.listCheckpoints();
    if (checkpoints.some(cp => cp.seq > headSeq)) {
      return false;
    }
    const events = new Map(
      (await this.store.eventsAt(checkpoints.map(cp => cp.seq))).map(e => [
        e.seq,
        e,
      ]),
    );
    return checkpoints.every(cp => {
      const event = events.get(cp.seq);
      return event?.id === cp.eventId && event.hash === cp.hash;
    });
  }

  /**
   * The chain walked in seq order, naming the first bad event, and the row
   * check's finding if the chain holds.
   */
  private async walk(rows?: Partial<AuditVerification>) {
    const { result, last } = await this.verifyChain();
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
    last?: ChainEnd;
  }> {
    // The head is read first: events appended while we read are for the next
    // run, and the chain must reach exactly this event with this hash.
    const head = await this.store.head();
    if (!head) {
      return { result: { ok: false, checked: 0, problem: HEAD_GONE } };
    }
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
    return {
      result: { ok: true, checked, head: last && headOf(last) },
      last: last && { ...headOf(last), id: last.id, seq: last.seq },
    };
  }

  /**
   * Replays every change and compares it with its row, and re-computes the
   * hash of each event on the previous hash it records (the database checks
   * that this is the hash before it). Returns the first change whose row
   * differs, whether every hash held, and how many events up to the head
   * were hashed.
   */
  private async verifyRows(headSeq: number): Promise<{
    problem?: Partial<AuditVerification>;
    hashesHold: boolean;
    hashed: number;
  }> {
    let hashed = 0;
    let problem: Partial<AuditVerification> | undefined;
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
        const history = events.get(stored.id) ?? [];
        for (const event of history) {
          if (event.hash !== hashEvent(event.previousHash, event)) {
            batch.catch(() => undefined);
            return { problem, hashesHold: false, hashed };
          }
          if (event.seq <= headSeq) hashed += 1;
        }
        problem ??= rowProblem(stored, history);
      }
      if (changes.length < CHANGE_BATCH) {
        return { problem, hashesHold: true, hashed };
      }
    }
  }
}

/** How the change's row differs from what its events replay to, if it does. */
function rowProblem(
  stored: StoredChange,
  history: ChangeEvent[],
): Partial<AuditVerification> | undefined {
  const replayed = replayEvents(history);
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
  return undefined;
}
