import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import { StaleVersionError } from '../errors';
import { ChangeResource } from '@trove/backstage-plugin-change-management-node';
import {
  AuditException,
  Calendar,
  CalendarDay,
  ChangeType,
  Conflict,
  EntityFacts,
  EntityMetrics,
  MetricsOverview,
} from '@trove/backstage-plugin-change-management-common';
import {
  AffectedEntity,
  AuditQuery,
  ChangeEvent,
  ChangeListFilters,
  ChangeListQuery,
  ChangeStore,
  DeploymentTotals,
  EntityFactsQuery,
  MetricsOverviewQuery,
  MetricsQuery,
  ExportedChange,
  ExportQuery,
  ListedChange,
  NewChangeEvent,
  SideEffects,
  StoredChange,
} from './ChangeStore';
import { appendEvent, hashedEvent, notAppended } from './appendEvent';
import { updateInOneStatement } from './updateInOneStatement';
import { enqueue } from './DatabaseOutboxStore';
import {
  countByType,
  countProduction,
  listAuditExceptions,
  productionAt,
} from './auditQuery';
import {
  changeByIdQuery,
  entitiesColumn,
  EntityRow,
  entityRowsOf,
  WithEntities,
} from './entitiesColumn';
import { entityFactsQuery } from './entityFactsQuery';
import { calendarQuery, CalendarQuery } from './calendarQuery';
import { calendarDaysQuery } from './calendarDaysQuery';
import { conflictsQuery, ConflictsQuery } from './conflictsQuery';
import { deploymentTotalsOfEach, metricsQuery } from './metricsQuery';
import { metricsOverviewQuery } from './metricsOverviewQuery';
import {
  marksWaiting,
  MAX_BACKLOG,
  refreshMetricRollups,
} from './metricRollups';
import { metricsRollupQuery } from './metricsRollupQuery';
import { exportChanges, OpenCursors } from './exportQuery';
import { applyListFilters, listPageQuery } from './listQuery';
import { encodeCursor } from './listOrder';
import { sentBackOf, WithSentBack } from './sentBack';
import {
  ChangeRow,
  changeToRow,
  entityToRow,
  rowToChange,
  rowToEvent,
} from './rows';

const migrationsDir = resolvePackagePath(
  '@trove/backstage-plugin-change-management-backend',
  'migrations',
);

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

  /** The exports reading through a cursor now (see EXPORT_CURSORS). */
  private readonly exportCursors: OpenCursors = { open: 0 };

  async createChange(options: {
    change: StoredChange;
    entities: AffectedEntity[];
    event: NewChangeEvent;
    effects?: SideEffects;
  }): Promise<StoredChange> {
    const { change, entities, event } = options;
    const written = asWritten(change, entities);
    await this.db.transaction(async tx => {
      await tx('changes').insert(changeToRow(change));
      await this.insertEntities(tx, change, entities);
      await appendWithEffects(tx, written, event, options.effects);
    });
    return written;
  }

  async getChange(id: string): Promise<StoredChange | undefined> {
    return (await this.getChangeAndResource(id))?.change;
  }

  async getChangeAndResource(
    id: string,
  ): Promise<{ change: StoredChange; resource: ChangeResource } | undefined> {
    const row: (ChangeRow & WithEntities) | undefined = await changeByIdQuery(
      this.db,
      id,
    );
    if (!row) {
      return undefined;
    }
    const entityRows = entityRowsOf(row);
    return {
      change: rowToChange(row, entityRows),
      resource: resourceOf(row.created_by, entityRows),
    };
  }

  async getPermissionResources(
    ids: string[],
  ): Promise<(ChangeResource | undefined)[]> {
    if (ids.length === 0) {
      return [];
    }
    const [rows, entityRows] = await Promise.all([
      this.db<ChangeRow>('changes')
        .whereIn('id', ids)
        .select('id', 'created_by'),
      this.db('change_entities').whereIn('change_id', ids),
    ]);
    return ids.map(id => {
      const row = rows.find(r => r.id === id);
      return (
        row &&
        resourceOf(
          row.created_by,
          entityRows.filter(e => e.change_id === id),
        )
      );
    });
  }

  async listChanges(
    query: ChangeListQuery,
  ): Promise<{ items: ListedChange[]; nextCursor?: string }> {
    const rows: (ChangeRow & WithEntities & WithSentBack)[] =
      await listPageQuery(this.db, query);
    const items = rows.slice(0, query.limit).map(row => {
      const change: ListedChange = rowToChange(row, entityRowsOf(row));
      const sentBack = sentBackOf(row);
      return sentBack ? { ...change, sentBack } : change;
    });
    const hasMore = rows.length > query.limit;
    return {
      items,
      nextCursor: hasMore
        ? encodeCursor(items[items.length - 1], query.order ?? 'newest')
        : undefined,
    };
  }

  async countChanges(filters: ChangeListFilters): Promise<number> {
    const [{ count }] = await applyListFilters(
      this.db,
      this.db('changes'),
      filters,
    ).count({ count: '*' });
    // PostgreSQL counts in bigint, which arrives as a string.
    return Number(count);
  }

  async lastDeployedChange(
    filters: ChangeListFilters,
  ): Promise<StoredChange | undefined> {
    const row: (ChangeRow & WithEntities) | undefined = await applyListFilters(
      this.db,
      this.db<ChangeRow>('changes'),
      filters,
    )
      .select('changes.*', entitiesColumn(this.db))
      .whereNotNull('deployed_at')
      .orderBy([
        { column: 'deployed_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .first();
    return row && rowToChange(row, entityRowsOf(row));
  }

  async updateChange(options: {
    change: StoredChange;
    expectedVersion: number;
    entities?: AffectedEntity[];
    event: NewChangeEvent;
    effects?: SideEffects;
  }): Promise<StoredChange> {
    const { change, expectedVersion, entities, event } = options;
    // The version guard below means no one else writes in between.
    const written = asWritten(change, entities);
    if (!entities && this.db.client.config.client === 'pg') {
      const stored = hashedEvent(change.id, event, randomUUID());
      const done = await updateInOneStatement(this.db, {
        row: changeToRow(change),
        expectedVersion,
        event: stored,
        at: event.at,
        messages: options.effects?.(written) ?? [],
      });
      if (!done) {
        // Nothing was written: tell why.
        const current = await this.currentVersion(this.db, change.id);
        throw current === expectedVersion
          ? notAppended(stored)
          : staleVersion(change.id, expectedVersion, current);
      }
      return written;
    }
    await this.db.transaction(async tx => {
      // The version guard: of two concurrent writers that read the same
      // version, the second matches no row here and rolls back.
      const updated = await tx('changes')
        .where({ id: change.id, version: expectedVersion })
        .update(changeToRow(change));
      if (updated !== 1) {
        const current = await this.currentVersion(tx, change.id);
        throw staleVersion(change.id, expectedVersion, current);
      }
      if (entities) {
        await this.insertEntities(tx, change, entities);
      }
      await appendWithEffects(tx, written, event, options.effects);
    });
    return written;
  }

  private async currentVersion(db: Knex, id: string): Promise<number> {
    const current = await db('changes').where({ id }).first('version');
    return Number(current?.version ?? 0);
  }

  async listEvents(changeId: string): Promise<ChangeEvent[]> {
    return this.readEvents(q =>
      q.where({ change_id: changeId }).orderBy('seq', 'asc'),
    );
  }

  private async readEvents(
    filter: (q: Knex.QueryBuilder) => Knex.QueryBuilder,
  ): Promise<ChangeEvent[]> {
    const rows = await filter(this.db('change_events'));
    return rows.map(rowToEvent);
  }

  exportChanges(query: ExportQuery): AsyncIterable<ExportedChange[]> {
    return exportChanges(this.db, query, this.exportCursors);
  }

  listAuditExceptions(
    query: AuditQuery & { now: Date },
  ): Promise<AuditException[]> {
    return listAuditExceptions(this.db, query);
  }

  entityFacts(query: EntityFactsQuery): Promise<EntityFacts[]> {
    return entityFactsQuery(this.db, query);
  }

  /**
   * From the rollups, judged again first where writes have marked them;
   * from the changes for a reader who may read only some of them, since
   * the rollups count every change, and while a large backlog waits to be
   * judged (the scheduled task does that).
   */
  async metrics(query: MetricsQuery): Promise<EntityMetrics> {
    if (query.permissionFilter) return metricsQuery(this.db, query);
    const waiting = await marksWaiting(this.db);
    if (waiting > MAX_BACKLOG) return metricsQuery(this.db, query);
    if (waiting) await refreshMetricRollups(this.db);
    return metricsRollupQuery(this.db, query);
  }

  refreshMetricRollups(
    onProgress?: (done: number, total: number) => void,
  ): Promise<number> {
    return refreshMetricRollups(this.db, onProgress);
  }

  deploymentTotalsOfEach(
    query: Omit<MetricsQuery, 'entityRef'> & { entityRefs: string[] },
  ): Promise<DeploymentTotals[]> {
    return deploymentTotalsOfEach(this.db, query);
  }

  metricsOverview(query: MetricsOverviewQuery): Promise<MetricsOverview> {
    return metricsOverviewQuery(this.db, query);
  }

  countProduction(query: AuditQuery): Promise<number> {
    return countProduction(this.db, query);
  }

  countByType(query: AuditQuery): Promise<Partial<Record<ChangeType, number>>> {
    return countByType(this.db, query);
  }

  productionAt(query: AuditQuery, positions: number[]): Promise<string[]> {
    return productionAt(this.db, query, positions);
  }

  // The change landscape (issue 21).

  findConflicts(query: ConflictsQuery): Promise<Conflict[]> {
    return conflictsQuery(this.db, query);
  }

  calendarChanges(query: CalendarQuery): Promise<Calendar['changes']> {
    return calendarQuery(this.db, query);
  }

  calendarDays(query: CalendarQuery): Promise<CalendarDay[]> {
    return calendarDaysQuery(this.db, query);
  }

  private async insertEntities(
    tx: Knex.Transaction,
    change: StoredChange,
    entities: AffectedEntity[],
  ) {
    await tx('change_entities').where({ change_id: change.id }).delete();
    if (entities.length) {
      await tx('change_entities').insert(
        entities.map(e => entityToRow(change, e)),
      );
    }
  }
}

/**
 * Appends the event, and its side effects to the outbox, in `tx`. The
 * outbox rows go first: appending takes the chain head's lock, which every
 * action waits for, so nothing else should follow it.
 */
async function appendWithEffects(
  tx: Knex.Transaction,
  written: StoredChange,
  event: NewChangeEvent,
  effects?: SideEffects,
) {
  const eventId = randomUUID();
  if (effects) {
    await enqueue(tx, eventId, effects(written), event.at);
  }
  await appendEvent(tx, written.id, event, eventId);
}

/** Someone else acted first: the change is no longer at that version. */
function staleVersion(id: string, expectedVersion: number, current: number) {
  return new StaleVersionError(
    `Change ${id} was changed by someone else (you sent version ${expectedVersion}); reload it and try again`,
    current,
  );
}

/** What permission rules see of a change: its author and entities. */
function resourceOf(
  createdBy: string,
  entityRows: EntityRow[],
): ChangeResource {
  return {
    createdBy,
    affected: entityRows.map(e => ({
      entityRef: e.entity_ref,
      systemRef: e.system_ref ?? undefined,
      ownerRef: e.owner_ref ?? undefined,
    })),
  };
}

/**
 * The change as a read would return it after this write, without the read:
 * through the same row mapping, with the entities written, or else the ones
 * it had.
 */
function asWritten(
  change: StoredChange,
  entities?: AffectedEntity[],
): StoredChange {
  const row = changeToRow(change) as ChangeRow;
  if (!entities) {
    return {
      ...rowToChange(row, []),
      affectedEntityRefs: change.affectedEntityRefs,
      affectedSystemRefs: change.affectedSystemRefs,
    };
  }
  return rowToChange(
    row,
    entities.map(e => ({
      entity_ref: e.entityRef,
      system_ref: e.systemRef ?? null,
    })),
  );
}
