import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { LoggerService } from '@backstage/backend-plugin-api';
import { OutboxEntry, OutboxStore } from '../database/OutboxStore';
import { Clock } from './Clock';
import { OutboxConfig } from './config';
import { AnyOutboxHandler } from './outboxHandlers';

/** What the loop reports as it goes, e.g. to metrics. */
export interface OutboxListener {
  delivered?(entry: OutboxEntry, at: Date): void;
  failed?(entry: OutboxEntry, error: Error): void;
  dead?(entry: OutboxEntry, error: Error): void;
}

const POLL_MS = 1000;
const BATCH_SIZE = 20;
/** At most this many rows are being sent at once on one replica. */
const MAX_IN_FLIGHT = 50;
/**
 * The kinds whose rows are handed over one after another, in the order
 * they were claimed, so that subscribers see the events of a change (and
 * the checkpoints) in the order they happened. The others go side by side.
 */
const IN_ORDER: ReadonlySet<string> = new Set([
  'change-event',
  'checkpoint-event',
]);

/** The queue a row waits in, if its kind goes in order: its change's. */
function orderKey(entry: OutboxEntry): string | undefined {
  if (!IN_ORDER.has(entry.kind)) return undefined;
  const changeId = (entry.payload as { changeId?: unknown })?.changeId;
  return `${entry.kind}:${typeof changeId === 'string' ? changeId : ''}`;
}
/**
 * How long a claim holds. A replica that dies mid-send leaves its rows to
 * the others after this; one whose send outlasts it may see the row sent
 * twice, which the notices' scope absorbs.
 */
const LEASE_MS = 30_000;
const MAX_BACKOFF_MS = 5 * 60_000;
/** How often the poll deletes the rows delivered before the retention. */
const PURGE_EVERY_MS = 3600_000;

/** 1 s after the first failure, doubling, at most 5 minutes. */
export function backoffMs(attempts: number): number {
  return Math.min(1000 * 2 ** Math.max(attempts - 1, 0), MAX_BACKOFF_MS);
}

/**
 * The outbox's delivery loop, one on every replica: it claims the rows
 * that are due, hands each to the handler of its kind, and marks it
 * delivered; a failure is tried again with backoff until the configured
 * number of attempts, after which the row is dead and the error logged.
 *
 * It polls every second, and the replica that committed a row wakes it at
 * once, so that most rows leave within milliseconds of their commit and
 * the others within a poll. Passes on one replica run one at a time; a
 * pass claims and hands over, and does not wait for the sends, so that a
 * slow send holds back no other row. Each row is marked delivered as soon
 * as its own send ends, or, if a mark is being written, with the rows sent
 * meanwhile as soon as that one is.
 */
export class OutboxDelivery {
  private readonly claimant = `${hostname()}:${
    process.pid
  }:${randomUUID().slice(0, 8)}`;
  private readonly kinds: string[];
  private queue: Promise<unknown> = Promise.resolve();
  private woken = false;
  private running = false;
  private purgedAt?: number;
  private timer?: NodeJS.Timeout;
  /** The sends under way. */
  private readonly inFlight = new Set<Promise<void>>();
  /** The last send of each queue that goes in order ({@link orderKey}). */
  private readonly lastInOrder = new Map<string, Promise<void>>();
  /** Rows sent whose mark waits on the one under way ({@link markSent}). */
  private readonly sent: { entry: OutboxEntry; marked: () => void }[] = [];
  /** The marking under way, if any. */
  private marking?: Promise<void>;

  constructor(
    private readonly store: OutboxStore,
    private readonly handlers: Readonly<Record<string, AnyOutboxHandler>>,
    private readonly config: OutboxConfig,
    private readonly clock: Clock,
    private readonly logger: LoggerService,
    private readonly listener: OutboxListener = {},
  ) {
    this.kinds = Object.keys(handlers);
  }

  /** Polls until {@link stop}. */
  start(): void {
    this.running = true;
    this.schedule();
  }

  /** Stops polling and waits for the pass and the sends under way. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.queue;
    await this.settled();
  }

  /** A row was committed here: deliver it now rather than at the next poll. */
  wake(): void {
    if (!this.running || this.woken) return;
    this.woken = true;
    this.runOnce().catch(() => {});
  }

  /**
   * Delivers what is due now, until nothing is, and waits for the sends;
   * resolves to how many rows it claimed.
   */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const claimed = await this.runOnce();
      // A send a wake started may write rows of its own (a module's
      // handler does): after it, look again.
      const busy = this.inFlight.size > 0;
      await this.settled();
      if (claimed === 0 && !busy) return total;
      total += claimed;
    }
  }

  /**
   * Deletes the rows delivered longer ago than the retention (config); the
   * poll does so hourly. Rows given up on stay. Resolves to how many.
   */
  purge(): Promise<number> {
    const now = this.clock.now().getTime();
    return this.store.purgeDelivered(new Date(now - this.config.retentionMs));
  }

  /** One pass, after the one under way; resolves to how many it claimed. */
  runOnce(): Promise<number> {
    const pass = this.queue.then(() => {
      this.woken = false;
      return this.pass();
    });
    this.queue = pass.catch(() => {});
    return pass;
  }

  private schedule() {
    if (!this.running) return;
    this.timer = setTimeout(async () => {
      await this.runOnce().catch(error =>
        this.logger.warn('The outbox could not be read', error),
      );
      const now = this.clock.now().getTime();
      if (
        this.purgedAt === undefined ||
        now - this.purgedAt >= PURGE_EVERY_MS
      ) {
        this.purgedAt = now;
        await this.purge().catch(error =>
          this.logger.warn('Could not delete delivered outbox rows', error),
        );
      }
      this.schedule();
    }, POLL_MS);
    this.timer.unref();
  }

  /** Claims what is due, as room allows, and hands each row over. */
  private async pass(): Promise<number> {
    let claimed = 0;
    for (;;) {
      const room = MAX_IN_FLIGHT - this.inFlight.size;
      if (room <= 0) {
        await Promise.race(this.inFlight);
        continue;
      }
      const limit = Math.min(BATCH_SIZE, room);
      const now = this.clock.now();
      const batch = await this.store.claim({
        kinds: this.kinds,
        now,
        // A fault test's window between the commit and the send.
        dueBy: new Date(now.getTime() - this.config.deliveryDelayMs),
        limit,
        leaseMs: LEASE_MS,
        claimant: this.claimant,
      });
      batch.forEach(entry => this.dispatch(entry));
      claimed += batch.length;
      if (batch.length < limit) return claimed;
    }
  }

  /** Starts a row's send, after the one before it in its queue if any. */
  private dispatch(entry: OutboxEntry) {
    const key = orderKey(entry);
    const before = key === undefined ? undefined : this.lastInOrder.get(key);
    const done = (before ?? Promise.resolve()).then(() => this.deliver(entry));
    if (key !== undefined) this.lastInOrder.set(key, done);
    this.inFlight.add(done);
    done.then(() => {
      this.inFlight.delete(done);
      if (key !== undefined && this.lastInOrder.get(key) === done) {
        this.lastInOrder.delete(key);
      }
    });
  }

  /** Sends a row and marks it; never throws (failures are recorded). */
  private async deliver(entry: OutboxEntry): Promise<void> {
    if (await this.send(entry)) await this.markSent(entry);
  }

  /**
   * Marks a sent row delivered: at once when no marking is under way, else
   * with the others sent meanwhile, in one statement when that one ends.
   * Alone, a row waits for nothing; under load, a busy replica writes one
   * update for many rows instead of one each.
   */
  private markSent(entry: OutboxEntry): Promise<void> {
    return new Promise(marked => {
      this.sent.push({ entry, marked });
      this.marking ??= this.markAll();
    });
  }

  private async markAll(): Promise<void> {
    while (this.sent.length > 0) {
      const rows = this.sent.splice(0);
      // A listener that throws leaves no row waiting on its mark.
      await this.delivered(rows.map(row => row.entry)).catch(error =>
        this.logger.warn('An outbox listener failed', error),
      );
      rows.forEach(row => row.marked());
    }
    this.marking = undefined;
  }

  /** Resolves when no send is under way. */
  private async settled(): Promise<void> {
    while (this.inFlight.size > 0) {
      await Promise.all(this.inFlight);
    }
  }

  /** Hands a row to its handler; false if it failed (and was recorded). */
  private async send(entry: OutboxEntry): Promise<boolean> {
    const handler = this.handlers[entry.kind];
    try {
      await handler(entry.payload, entry);
      return true;
    } catch (thrown) {
      await this.failed(entry, thrown as Error);
      return false;
    }
  }

  /** Marks rows that were sent. */
  private async delivered(entries: OutboxEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const at = this.clock.now();
    const ids = entries.map(entry => entry.id);
    // If this fails, the claims run out and the rows are sent again.
    await this.store
      .markDelivered(ids, at)
      .catch(error =>
        this.logger.warn(
          `Could not mark outbox rows ${ids.join(', ')} delivered`,
          error,
        ),
      );
    entries.forEach(entry => this.listener.delivered?.(entry, at));
  }

  private async failed(entry: OutboxEntry, error: Error) {
    const now = this.clock.now();
    const what = `the ${entry.kind} of event ${entry.eventId} (outbox row ${entry.id})`;
    const message = String(error?.message ?? error);
    try {
      if (entry.attempts >= this.config.maxAttempts) {
        await this.store.markDead(entry.id, message, now);
        this.logger.error(
          `Gave up on ${what} after ${entry.attempts} attempts: ${message}`,
        );
        this.listener.dead?.(entry, error);
        return;
      }
      const retryAt = new Date(now.getTime() + backoffMs(entry.attempts));
      await this.store.markFailed(entry.id, message, retryAt);
      this.logger.warn(
        `Could not deliver ${what}, attempt ${
          entry.attempts
        }; trying again at ${retryAt.toISOString()}: ${message}`,
      );
      this.listener.failed?.(entry, error);
    } catch (storeError) {
      // The claim runs out and the row is tried again.
      this.logger.warn(
        `Could not record the failure of ${what}`,
        storeError as Error,
      );
    }
  }
}
