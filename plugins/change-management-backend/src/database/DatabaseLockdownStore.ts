import { Knex } from 'knex';
import { Lockdown } from '@trove/backstage-plugin-change-management-common';
import { appendEvent } from './appendEvent';
import { enqueue } from './DatabaseOutboxStore';
import { LockdownStore } from './LockdownStore';
import { OutboxMessage } from './OutboxStore';
import { toDate, toIso } from './timestamps';

const TABLE = 'change_lockdowns';

function toRow(l: Lockdown) {
  return {
    id: l.id,
    entity_ref: l.entityRef ?? null,
    reason: l.reason,
    starts_at: toDate(l.start),
    ends_at: toDate(l.end),
    declared_by: l.declaredBy,
    declared_at: toDate(l.declaredAt),
    lifted_by: l.liftedBy ?? null,
    lifted_at: toDate(l.liftedAt),
  };
}

/** A lockdown from its `change_lockdowns` row. */
export function lockdownFromRow(row: Record<string, any>): Lockdown {
  return {
    id: row.id,
    ...(row.entity_ref && { entityRef: row.entity_ref }),
    reason: row.reason,
    start: toIso(row.starts_at),
    ...(row.ends_at !== null && { end: toIso(row.ends_at) }),
    declaredBy: row.declared_by,
    declaredAt: toIso(row.declared_at),
    ...(row.lifted_by && {
      liftedBy: row.lifted_by,
      liftedAt: toIso(row.lifted_at),
    }),
  };
}

/**
 * The SQL form of lockdownActive (-common): started by `at`, and neither
 * ended nor lifted by then. A test compares the two on both databases.
 */
export function activeLockdowns(
  query: Knex.QueryBuilder,
  at: Date,
): Knex.QueryBuilder {
  return query
    .where('starts_at', '<=', at)
    .where(q => q.whereNull('ends_at').orWhere('ends_at', '>', at))
    .where(q => q.whereNull('lifted_at').orWhere('lifted_at', '>', at));
}

/**
 * The Knex implementation of {@link LockdownStore}. Declaring and lifting
 * each append an event to the one hash chain (`declare-lockdown`,
 * `lift-lockdown`, of no change: `changeId` null, the lockdown in
 * `fields.lockdownId`), in the transaction of the write and its outbox
 * rows, keyed by that event.
 */
export class DatabaseLockdownStore implements LockdownStore {
  /** The change store's migrations create its table; run those first. */
  constructor(private readonly db: Knex) {}

  async declare(
    lockdown: Lockdown,
    eventId: string,
    effects: OutboxMessage[],
  ): Promise<Lockdown> {
    const at = new Date(lockdown.declaredAt);
    await this.db.transaction(async tx => {
      await tx(TABLE).insert(toRow(lockdown));
      await enqueue(tx, eventId, effects, at);
      // The chain head last, as every append takes it.
      await appendEvent(
        tx,
        null,
        {
          action: 'declare-lockdown',
          toState: 'declared',
          actor: lockdown.declaredBy,
          at,
          comment: lockdown.reason,
          fields: { lockdownId: lockdown.id, lockdown },
        },
        eventId,
      );
    });
    return lockdown;
  }

  async lift(
    id: string,
    lifted: { by: string; at: Date },
    eventId: string,
    effects: (lockdown: Lockdown) => OutboxMessage[],
  ): Promise<Lockdown | undefined> {
    return this.db.transaction(async tx => {
      const count = await tx(TABLE)
        .where({ id })
        .whereNull('lifted_at')
        .update({ lifted_by: lifted.by, lifted_at: lifted.at });
      if (count !== 1) {
        return undefined;
      }
      const lockdown = lockdownFromRow(await tx(TABLE).where({ id }).first());
      await enqueue(tx, eventId, effects(lockdown), lifted.at);
      await appendEvent(
        tx,
        null,
        {
          action: 'lift-lockdown',
          fromState: 'declared',
          toState: 'lifted',
          actor: lifted.by,
          at: lifted.at,
          fields: { lockdownId: id, liftedAt: lifted.at.toISOString() },
        },
        eventId,
      );
      return lockdown;
    });
  }

  async get(id: string): Promise<Lockdown | undefined> {
    const row = await this.db(TABLE).where({ id }).first();
    return row && lockdownFromRow(row);
  }

  async list(options: { activeAt?: Date }): Promise<Lockdown[]> {
    const query = this.db(TABLE).orderBy([
      { column: 'starts_at', order: 'desc' },
      { column: 'id', order: 'asc' },
    ]);
    const rows = options.activeAt
      ? await activeLockdowns(query, options.activeAt)
      : await query;
    return rows.map(lockdownFromRow);
  }
}
