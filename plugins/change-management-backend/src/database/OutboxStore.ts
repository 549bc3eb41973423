import { Knex } from 'knex';

/**
 * A side effect of an action, to deliver after the commit: which handler
 * delivers it (`kind`) and what it needs, as JSON.
 */
export interface OutboxMessage {
  kind: string;
  payload: object;
}

/** A row claimed for delivery. */
export interface OutboxEntry extends OutboxMessage {
  id: string;
  /**
   * The audit event it was written with, or the key it was written under
   * (`enqueueOnce`): the key of its deliveries.
   */
  eventId: string;
  /** How many times it has been claimed, this time included. */
  attempts: number;
  createdAt: string;
}

/** How much waits, for the metrics: cheap enough to read on every scrape. */
export interface OutboxDepth {
  /** Rows neither delivered nor dead. */
  pending: number;
  /** When the oldest of them was written, if any. */
  oldestCreatedAt?: string;
  /** Rows given up on. */
  dead: number;
}

/**
 * The outbox as its delivery loop sees it. The rows are written by the
 * stores that write the events, in the same transaction (`enqueue`), or on
 * their own when no event records what they tell (`enqueueOnce`).
 */
export interface OutboxStore {
  /**
   * Writes a row of its own, keyed, for what no event records (a failed
   * verification), unless a row of its kind with that key is there: so
   * whoever finds the same thing again, or on another replica, has it
   * delivered once while that row is kept (replicas that write at the very
   * same time may both write one; the key is also the notices' scope, so
   * each user is still told once). Resolves to whether it wrote one.
   */
  enqueueOnce(message: OutboxMessage, key: string, at: Date): Promise<boolean>;

  /**
   * Writes a module's row (issue 20) under its key, unless a row of its
   * kind with that key is there: the unique index makes this hold across
   * replicas. In the module's transaction if given. Resolves to whether it
   * wrote one.
   */
  enqueueKeyed(
    message: OutboxMessage,
    key: string,
    at: Date,
    transaction?: Knex.Transaction,
  ): Promise<boolean>;

  /**
   * Claims up to `limit` rows of these kinds that are due by `dueBy` (now,
   * unless a fault test holds them back) and not claimed by anyone else at
   * `now`, for `leaseMs`; each claim counts an attempt.
   */
  claim(options: {
    kinds: string[];
    now: Date;
    dueBy: Date;
    limit: number;
    leaseMs: number;
    claimant: string;
  }): Promise<OutboxEntry[]>;

  /** Marks rows delivered, in one statement. */
  markDelivered(ids: string[], at: Date): Promise<void>;

  /** Releases a failed row to be tried again at `retryAt`. */
  markFailed(id: string, error: string, retryAt: Date): Promise<void>;

  /** Gives up on a row. */
  markDead(id: string, error: string, at: Date): Promise<void>;

  depth(): Promise<OutboxDepth>;

  /** Deletes the rows delivered before `before`; resolves to how many. */
  purgeDelivered(before: Date): Promise<number>;
}
