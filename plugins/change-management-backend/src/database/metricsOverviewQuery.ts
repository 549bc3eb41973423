import {
  deploymentsPerWeek,
  MetricsOverview,
} from '@trove/backstage-plugin-change-management-common';
import { Knex } from 'knex';
import { listAuditExceptions } from './auditQuery';
import { MetricsOverviewQuery } from './ChangeStore';
import { byRef } from './entityFactsQuery';
import { applyListFilters } from './listQuery';
import { scopedMetrics } from './metricsQuery';
import { retrospectiveOverdueQuery } from './overdueQuery';

// Issue 21, the CTO's overview: the figures of GET /metrics for every
// System at once, grouped in SQL by the change_entities column that names
// the System (or the owning group) instead of asked once per System. The
// exceptions and the overdue count are those of the audit and the portal,
// by their own queries, counted per System.

type KeyColumn = 'system_ref' | 'owner_ref';

/** Every System or owning group of a change the reader may see, by ref. */
async function keysOf(
  db: Knex,
  query: MetricsOverviewQuery,
  column: KeyColumn,
): Promise<string[]> {
  const keys = db('change_entities')
    .distinct({ key: column })
    .whereNotNull(column)
    .orderBy('key');
  if (query.permissionFilter) {
    keys.whereIn(
      'change_id',
      applyListFilters(db, db('changes'), {
        permissionFilter: query.permissionFilter,
      }).select('changes.id'),
    );
  }
  const rows: { key: string }[] = await keys;
  return rows.map(row => row.key);
}

/** Of the changes with these ids, the Systems each touches. */
async function systemsOf(
  db: Knex,
  changeIds: string[],
): Promise<Map<string, string[]>> {
  const systems = new Map<string, string[]>();
  // In slices: SQLite limits the parameters of one statement.
  for (let i = 0; i < changeIds.length; i += 500) {
    const rows: { change_id: string; system_ref: string }[] = await db(
      'change_entities',
    )
      .distinct('change_id', 'system_ref')
      .whereNotNull('system_ref')
      .whereIn('change_id', changeIds.slice(i, i + 500));
    for (const row of rows) {
      systems.set(row.change_id, [
        ...(systems.get(row.change_id) ?? []),
        row.system_ref,
      ]);
    }
  }
  return systems;
}

/**
 * The audit's exceptions of the period (listAuditExceptions, as
 * GET /audit/exceptions lists them), counted for each System of their
 * change.
 */
async function exceptionsBySystem(
  db: Knex,
  query: MetricsOverviewQuery,
): Promise<Map<string, number>> {
  const { from, to, now, permissionFilter } = query;
  const exceptions = await listAuditExceptions(db, {
    from,
    to,
    now,
    permissionFilter,
  });
  const systems = await systemsOf(db, [
    ...new Set(exceptions.map(e => e.changeId)),
  ]);
  const counts = new Map<string, number>();
  for (const { changeId } of exceptions) {
    for (const system of systems.get(changeId) ?? []) {
      counts.set(system, (counts.get(system) ?? 0) + 1);
    }
  }
  return counts;
}

/** The overview of the period, for a reader. */
export async function metricsOverviewQuery(
  db: Knex,
  query: MetricsOverviewQuery,
): Promise<MetricsOverview> {
  const { from, to, now, permissionFilter } = query;
  const [systems, groups] = await Promise.all([
    keysOf(db, query, 'system_ref'),
    keysOf(db, query, 'owner_ref'),
  ]);
  const [ofSystem, ofGroup, overdue, exceptions] = await Promise.all([
    scopedMetrics(db, query, { each: 'system_ref' }),
    scopedMetrics(db, query, { each: 'owner_ref' }),
    byRef(
      db,
      { column: 'system_ref', refs: systems },
      { entityRefs: systems, now, permissionFilter },
      q => retrospectiveOverdueQuery(q, now),
      'count',
    ),
    query.withExceptions ? exceptionsBySystem(db, query) : undefined,
  ]);
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    systems: systems.map(systemRef => {
      const figures = ofSystem(systemRef);
      const { total } = figures.deployments;
      return {
        systemRef,
        deployments: { total, perWeek: deploymentsPerWeek(total, from, to) },
        leadTimeHours: figures.leadTimeHours,
        changeFailureRate: figures.changeFailureRate,
        recoveryHours: figures.recoveryHours,
        score: figures.score,
        exceptions: exceptions ? exceptions.get(systemRef) ?? 0 : null,
        // PostgreSQL counts in bigint, which arrives as a string.
        overdue: Number(overdue.get(systemRef) ?? 0),
      };
    }),
    groups: groups.map(ownerRef => ({
      ownerRef,
      score: ofGroup(ownerRef).score,
    })),
  };
}
