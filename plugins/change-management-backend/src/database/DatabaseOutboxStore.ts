import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import {
  OutboxDepth,
  OutboxEntry,
  OutboxMessage,
  OutboxStore,
} from './OutboxStore';
import { toIso } from './timestamps';

const TABLE = 'change_outbox';

/** The outbox rows of an event's side effects, each due at once. */
export function outboxRows(
  eventId: string,
  messages: OutboxMessage[],
  at: Date,
) {
  return messages.map(message => ({
    kind: message.kind,
    event_id: eventId,
    payload: JSON.stringify(message.payload),
    attempts: 0,
    next_attempt_at: at,
    created_at: at,
  }));
}

/**
 * Writes the side effects of an event in the caller's transaction, the one
 * that appends the event: either both are committed or neither is.
 */
export async function enqueue(
  tx: Knex.Transaction,
  eventId: string,
  messages: OutboxMessage[],
  at: Date,
): Promise<void> {
  if (messages.length === 0) return;
  await tx(TABLE).insert(outboxRows(eventId, messages, at));
}

/**
 * The ids of the rows a claim takes: due, not claimed by anyone at `now`,
 * of the kinds asked for, oldest due first, then in the order written.
 * Served by the partial index of the rows still to deliver
 * (change_outbox_pending_idx).
 */
export function dueQuery(
  db: Knex,
  options: Pick<
    Parameters<OutboxStore['claim']>[0],
    'kinds' | 'now' | 'dueBy' | 'limit'
  >,
): Knex.QueryBuilder {
  const { kinds, now, dueBy, limit } = options;
  const due = db(TABLE)
    .select('id')
    .whereNull('delivered_at')
    .whereNull('dead_at')
    .where('next_attempt_at', '<=', dueBy)
    .where(q => q.whereNull('claimed_until').orWhere('claimed_until', '<', now))
    .whereIn('kind', kinds)
    // Rows due at once leave in the order they were written: an action's
    // events reach subscribers in the order of the actions.
    .orderBy([{ column: 'next_attempt_at' }, { column: 'id' }])
    .limit(limit);
  // PostgreSQL: replicas claiming at once skip each other's rows instead of
  // waiting for them. SQLite serialises writers, so the claim's one UPDATE
  // is the lock there.
  if (db.client.config.client === 'pg') {
    due.forUpdate().skipLocked();
  }
  return due;
}

/** The Knex implementation of {@link OutboxStore}. */
export class DatabaseOutboxStore implements OutboxStore {
  /** The change store's migrations create its table; run those first. */
  constructor(private readonly db: Knex) {}

  async enqueueOnce(
    message: OutboxMessage,
    key: string,
    at: Date,
  ): Promise<boolean> {
    const [row] = outboxRows(key, [message], at);
    const there = await this.db(TABLE)
      .where({ kind: row.kind, event_id: key })
      .first('id');
    if (there) return false;
    await this.db(TABLE).insert(row);
    return true;
  }

  async enqueueKeyed(
    message: OutboxMessage,
    key: string,
    at: Date,
    transaction?: Knex.Transaction,
  ): Promise<boolean> {
    // No audit event records a module's row: its event id only names it.
    const [row] = outboxRows(randomUUID(), [message], at);
    const written = await (transaction ?? this.db)(TABLE)
      .insert({ ...row, dedup_key: key })
      .onConflict(['dedup_key', 'kind'])
      .ignore()
      .returning('id');
    return written.length > 0;
  }

  async claim(options: Parameters<OutboxStore['claim']>[0]) {
    const { now, leaseMs, claimant } = options;
    const rows: Record<string, any>[] = await this.db(TABLE)
      .whereIn('id', dueQuery(this.db, options))
      .update({
        claimed_until: new Date(now.getTime() + leaseMs),
        claimed_by: claimant,
        attempts: this.db.raw('attempts + 1'),
      })
      .returning([
        'id',
        'kind',
        'event_id',
        'payload',
        'attempts',
        'created_at',
      ]);
    // RETURNING follows the update's scan, not the claim's order.
    rows.sort((a, b) => Number(a.id) - Number(b.id));
    return rows.map(
      (row): OutboxEntry => ({
        id: String(row.id),
        kind: row.kind,
        eventId: row.event_id,
        payload: JSON.parse(row.payload),
        attempts: Number(row.attempts),
        createdAt: toIso(row.created_at),
      }),
    );
  }

  async markDelivered(ids: string[], at: Date): Promise<void> {
    await this.db(TABLE)
      .whereIn('id', ids)
      .update({ delivered_at: at, claimed_until: null, last_error: null });
  }

  async markFailed(id: string, error: string, retryAt: Date): Promise<void> {
    await this.db(TABLE).where({ id }).update({
      claimed_until: null,
      next_attempt_at: retryAt,
      last_error: error,
    });
  }

  async markDead(id: string, error: string, at: Date): Promise<void> {
    await this.db(TABLE)
      .where({ id })
      .update({ dead_at: at, claimed_until: null, last_error: error });
  }

  async purgeDelivered(before: Date): Promise<number> {
    return this.db(TABLE)
      .whereNotNull('delivered_at')
      .where('delivered_at', '<', before)
      .delete();
  }

  async depth(): Promise<OutboxDepth> {
    // Both read the partial index of the rows still to deliver, or the
    // dead ones, which stay few.
    const [[pending], [dead]] = await Promise.all([
      this.db(TABLE)
        .whereNull('delivered_at')
        .whereNull('dead_at')
        .select(
          this.db.raw('count(*) as n'),
          this.db.raw('min(created_at) as oldest'),
        ),
      this.db(TABLE).whereNotNull('dead_at').count({ n: '*' }),
    ]);
    return {
      pending: Number(pending.n),
      oldestCreatedAt: toIso(pending.oldest),
      dead: Number(dead.n),
    };
  }
}
