import { randomUUID } from 'node:crypto';
import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { Knex } from 'knex';
import {
  AffectedEntity,
  ChangeEvent,
  ChangeListQuery,
  ChangeStore,
  NewChangeEvent,
  StoredChange,
} from './ChangeStore';
import { hashEvent } from './eventChain';
import { ChangeRow, changeToRow, rowToChange } from './rows';
import { toIso } from './timestamps';

const migrationsDir = resolvePackagePath(
  '@internal/backstage-plugin-change-management-backend',
  'migrations',
);

type Cursor = { createdAt: string; id: string };

function encodeCursor(change: StoredChange): string {
  return Buffer.from(JSON.stringify([change.createdAt, change.id])).toString(
    'base64url',
  );
}

function decodeCursor(cursor: string): Cursor {
  try {
    const [createdAt, id] = JSON.parse(
      Buffer.from(cursor, 'base64url').toString('utf8'),
    );
    if (
      typeof createdAt === 'string' &&
      typeof id === 'string' &&
      !Number.isNaN(Date.parse(createdAt))
    ) {
      return { createdAt, id };
    }
  } catch {
    // fall through to the error below
  }
  throw new InputError(
    'Malformed cursor; pass the nextCursor of a previous page unchanged',
  );
}

/** The Knex implementation of {@link ChangeStore}. */
export class DatabaseChangeStore implements ChangeStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseChangeStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseChangeStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async createChange(options: {
    change: StoredChange;
    entities: AffectedEntity[];
    event: NewChangeEvent;
  }): Promise<StoredChange> {
    const { change, entities, event } = options;
    await this.db.transaction(async tx => {
      await tx('changes').insert(changeToRow(change));
      await this.insertEntities(tx, change.id, entities);
      await this.appendEvent(tx, change.id, event);
    });
    return (await this.getChange(change.id))!;
  }

  async getChange(id: string): Promise<StoredChange | undefined> {
    const row = await this.db<ChangeRow>('changes').where({ id }).first();
    if (!row) {
      return undefined;
    }
    const [change] = await this.withEntities([row]);
    return change;
  }

  async listChanges(
    query: ChangeListQuery,
  ): Promise<{ items: StoredChange[]; nextCursor?: string }> {
    const q = this.db<ChangeRow>('changes');
    if (query.entityRef) {
      // A System's history includes its components and resources, through
      // the system_ref recorded beside each affected entity.
      const column = query.entityRef.startsWith('system:')
        ? 'system_ref'
        : 'entity_ref';
      q.whereExists(
        this.db('change_entities')
          .select(this.db.raw('1'))
          .whereRaw('change_entities.change_id = changes.id')
          .where(column, query.entityRef),
      );
    }
    if (query.states?.length) {
      q.whereIn('state', query.states);
    }
    if (query.type) {
      q.where('type', query.type);
    }
    if (query.createdBy) {
      q.where('created_by', query.createdBy);
    }
    if (query.cursor) {
      const cursor = decodeCursor(query.cursor);
      const createdAt = new Date(cursor.createdAt);
      q.where(inner =>
        inner
          .where('created_at', '<', createdAt)
          .orWhere(tie =>
            tie.where('created_at', '=', createdAt).where('id', '<', cursor.id),
          ),
      );
    }
    const rows = await q
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(query.limit + 1);

    const items = await this.withEntities(rows.slice(0, query.limit));
    const hasMore = rows.length > query.limit;
    return {
      items,
      nextCursor: hasMore ? encodeCursor(items[items.length - 1]) : undefined,
    };
  }

  async listEvents(changeId: string): Promise<ChangeEvent[]> {
    const rows = await this.db('change_events')
      .where({ change_id: changeId })
      .orderBy('seq', 'asc');
    return rows.map(row => ({
      id: row.id,
      seq: Number(row.seq),
      changeId: row.change_id,
      action: row.action,
      fromState: row.from_state ?? undefined,
      toState: row.to_state,
      actor: row.actor,
      at: toIso(row.created_at),
      comment: row.comment ?? undefined,
      fields: JSON.parse(row.fields),
      previousHash: row.previous_hash,
      hash: row.hash,
    }));
  }

  private async withEntities(rows: ChangeRow[]): Promise<StoredChange[]> {
    if (rows.length === 0) {
      return [];
    }
    const entityRows = await this.db('change_entities').whereIn(
      'change_id',
      rows.map(r => r.id),
    );
    return rows.map(row =>
      rowToChange(
        row,
        entityRows.filter(e => e.change_id === row.id),
      ),
    );
  }

  private async insertEntities(
    tx: Knex.Transaction,
    changeId: string,
    entities: AffectedEntity[],
  ) {
    await tx('change_entities').where({ change_id: changeId }).delete();
    if (entities.length) {
      await tx('change_entities').insert(
        entities.map(e => ({
          change_id: changeId,
          entity_ref: e.entityRef,
          system_ref: e.systemRef ?? null,
        })),
      );
    }
  }

  /**
   * Appends one event to the hash chain. Locking the chain head row makes
   * concurrent appends wait for each other (SQLite serialises writers
   * anyway), so no two events ever share a previous hash.
   */
  private async appendEvent(
    tx: Knex.Transaction,
    changeId: string,
    event: NewChangeEvent,
  ) {
    const headQuery = tx('change_event_chain').where({ id: 1 });
    const head = await (this.db.client.config.client === 'pg'
      ? headQuery.forUpdate()
      : headQuery
    ).first();
    const stored = {
      id: randomUUID(),
      changeId,
      action: event.action,
      fromState: event.fromState,
      toState: event.toState,
      actor: event.actor,
      at: event.at.toISOString(),
      comment: event.comment,
      fields: event.fields,
    };
    const hash = hashEvent(head.last_hash, stored);
    await tx('change_events').insert({
      id: stored.id,
      change_id: changeId,
      action: stored.action,
      from_state: stored.fromState ?? null,
      to_state: stored.toState,
      actor: stored.actor,
      created_at: event.at,
      comment: stored.comment ?? null,
      fields: JSON.stringify(stored.fields),
      previous_hash: head.last_hash,
      hash,
    });
    await tx('change_event_chain').where({ id: 1 }).update({ last_hash: hash });
  }
}
