import { randomUUID } from 'node:crypto';
import { DatabaseService } from '@backstage/backend-plugin-api';
import { ReminderClock } from '@trove/backstage-plugin-change-management-common';
import { Knex } from 'knex';
import { appendEvent } from './appendEvent';
import { enqueue } from './DatabaseOutboxStore';
import { PendingChange, PendingQuery, ReminderStore } from './ReminderStore';
import { owesRetrospectiveQuery, unverifiedQuery } from './overdueQuery';
import { toIso } from './timestamps';

/**
 * Each clock's time column, and which changes it still runs for (the
 * predicates of -common's workflow/overdue.ts): an emergency until its
 * retrospective is documented, a rolled-back one too; a change of any type
 * while it is unverified.
 */
const CLOCKS: Record<
  ReminderClock,
  { column: string; running: (q: Knex.QueryBuilder) => void }
> = {
  retrospective: {
    column: 'retrospective_due_at',
    running: owesRetrospectiveQuery,
  },
  verification: { column: 'deployed_at', running: unverifiedQuery },
};

/**
 * The query of {@link ReminderStore.listPending}. The range on the clock's
 * column is served by changes_retro_due_idx, or changes_deployed_idx (state,
 * deployed_at); the batch and the keyset cursor keep memory flat.
 */
export function pendingQuery(db: Knex, query: PendingQuery): Knex.QueryBuilder {
  const { column, running } = CLOCKS[query.clock];
  const q = db('changes')
    .select('id', 'type', 'state', 'title', 'created_by', `${column} as time`)
    .where(column, '<=', query.upTo)
    .whereNotExists(
      db('change_reminders')
        .select(db.raw('1'))
        .whereRaw('change_reminders.change_id = changes.id')
        .where({ clock: query.clock, threshold: query.threshold }),
    );
  running(q);
  if (query.after) q.where(column, '>', query.after);
  const { cursor } = query;
  if (cursor) {
    const time = new Date(cursor.time);
    q.where(next =>
      next
        .where(column, '>', time)
        .orWhere(tie =>
          tie.where(column, '=', time).where('id', '>', cursor.id),
        ),
    );
  }
  return q
    .orderBy([
      { column, order: 'asc' },
      { column: 'id', order: 'asc' },
    ])
    .limit(query.limit);
}

/** The Knex implementation of {@link ReminderStore}. */
export class DatabaseReminderStore implements ReminderStore {
  /** The change store's migrations create its table; run those first. */
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseReminderStore> {
    return new DatabaseReminderStore(await options.database.getClient());
  }

  private constructor(private readonly db: Knex) {}

  async listPending(query: PendingQuery): Promise<PendingChange[]> {
    const rows: Record<string, any>[] = await pendingQuery(this.db, query);
    return rows.map(row => ({
      id: row.id,
      type: row.type,
      state: row.state,
      title: row.title,
      createdBy: row.created_by,
      time: toIso(row.time),
    }));
  }

  async recordReminder(
    options: Parameters<ReminderStore['recordReminder']>[0],
  ): Promise<boolean> {
    const { changeId, clock, threshold, event, effects } = options;
    return this.db.transaction(async tx => {
      // Read the change again, locked on PostgreSQL, so that a retrospective
      // or verification recorded since the batch was read stops the reminder.
      const current = tx('changes')
        .select('state')
        .where({ id: changeId })
        .where(q => CLOCKS[clock].running(q));
      const row = await (tx.client.config.client === 'pg'
        ? current.forUpdate()
        : current
      ).first();
      if (!row) {
        return false;
      }
      // The primary key decides between replicas that race to this point.
      const eventId = randomUUID();
      const inserted = await tx('change_reminders')
        .insert({
          change_id: changeId,
          clock,
          threshold,
          sent_at: event.at,
          event_id: eventId,
        })
        .onConflict(['change_id', 'clock', 'threshold'])
        .ignore()
        .returning('change_id');
      if (inserted.length === 0) {
        return false;
      }
      // Before the event, whose append takes the chain head's lock.
      await enqueue(tx, eventId, effects, event.at);
      const states = { fromState: row.state, toState: row.state };
      await appendEvent(tx, changeId, { ...event, ...states }, eventId);
      return true;
    });
  }
}
