import { AuditVerification } from '@trove/backstage-plugin-change-management-common';
import { ChainStore, ChangeBatch } from '../database/ChainStore';
import { GENESIS_HASH } from '../database/eventChain';
import { ChainEnd, walkChain } from './chainWalk';
import { checkLockdowns } from './lockdownCheck';
import { CheckpointSigner } from './CheckpointSigner';
import { ExpectedHead, HEAD_GONE, missingHistory } from './expectedHistory';
import { outboxMessage } from './outboxHandlers';
import { checkRows, RowCheck } from './rowCheck';
import { RowCheckWorker } from './rowCheckWorker';

/** Changes per batch of the row check, unless told otherwise. */
const CHANGE_BATCH = 1000;

/**
 * Batches posted to the row check's worker and not yet answered: one it
 * checks and two waiting, which ride out a slow read; memory holds no more.
 */
const BATCHES_IN_WORKER = 3;

/**
 * Proves the audit trail was not edited: re-computes the hash chain,
 * compares it with every checkpoint taken before, and checks that each
 * change row is what its events replay to. It reads a batch at a time (the
 * next is fetched while this one is checked), so memory stays flat however
 * long the log is.
 */
export class ChainVerificationService {
  private readonly batchSize: number;

  constructor(
    private readonly store: ChainStore,
    private readonly expectedHead?: ExpectedHead,
    /** Signs each checkpoint, and checks those it signed, when a key is set. */
    private readonly signer?: CheckpointSigner,
    options?: {
      /** Changes per batch of the row check (1,000). */
      batchSize?: number;
    },
  ) {
    this.batchSize = options?.batchSize ?? CHANGE_BATCH;
  }

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
    const [links, changeRows, checkpoints, lockdownRows] = await Promise.all([
      this.store.chainLinks(headSeq),
      this.verifyRows(headSeq),
      this.checkpointsHold(headSeq),
      // Issue 24: the lockdown events, which belong to no change.
      this.store
        .lockdownHistory()
        .then(h => checkLockdowns(h.lockdowns, h.events, headSeq)),
    ]);
    const rows: RowCheck = {
      hashesHold: changeRows.hashesHold && lockdownRows.hashesHold,
      hashed: changeRows.hashed + lockdownRows.hashed,
      problem: changeRows.problem ?? lockdownRows.problem,
    };
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
    const { result, last } = await walkChain(this.store);
    if (!result.ok) {
      return { result, chainOk: false, last };
    }
    return {
      result: rows ? { ...result, ok: false, ...rows } : result,
      chainOk: true,
      last,
    };
  }

  /**
   * Replays every change and compares it with its row, and re-computes the
   * hash of each event ({@link checkRows}). Past one batch, a worker thread
   * starts; once it has loaded its code, it checks the batches that are
   * left while this thread reads the next: hashing and replaying are the
   * verification's CPU. Until then, batches are checked here. Returns
   * the first change whose row differs, whether every hash held, and how
   * many events up to the head were hashed.
   */
  private async verifyRows(headSeq: number): Promise<RowCheck> {
    const { batchSize } = this;
    const after = ({ changes }: ChangeBatch) =>
      changes.length === batchSize
        ? this.store.changesAfter(changes[changes.length - 1].id, batchSize)
        : undefined;
    const first = await this.store.changesAfter('', batchSize);
    let next = after(first);
    if (!next) {
      // A worker would take longer to start than this one batch takes.
      return checkRows(first, headSeq, true);
    }
    const worker = new RowCheckWorker();
    const checks: Promise<RowCheck>[] = [];
    const found: RowCheck = { hashesHold: true, hashed: 0 };
    /** Adds a batch's answer to what was found: false if a hash failed. */
    const add = (check: RowCheck) => {
      found.problem ??= check.problem;
      found.hashed += check.hashed;
      found.hashesHold = check.hashesHold;
      return check.hashesHold;
    };
    const settle = async () => add(await checks.shift()!);
    try {
      // Each batch is read as soon as the one before it is in: the worker
      // checks while this thread waits for the database.
      for (let batch: ChangeBatch | undefined = first; batch; ) {
        // Once a change differs, the rest are only hashed.
        const replay = !found.problem;
        if (!checks.length && !worker.ready) {
          // Until the worker has loaded its code, batches are checked here,
          // where a short chain is done before the worker would be; once
          // one went to the worker, all do, so answers stay in order.
          if (!add(checkRows(batch, headSeq, replay))) return found;
        } else {
          checks.push(worker.check(batch, headSeq, replay));
          while (checks.length >= BATCHES_IN_WORKER) {
            if (!(await settle())) return found;
          }
        }
        batch = await next;
        next = batch && after(batch);
      }
      while (checks.length) {
        if (!(await settle())) return found;
      }
      return found;
    } finally {
      // The batch still read is not needed: only keep its failure quiet.
      next?.catch(() => undefined);
      await worker.close();
    }
  }
}
