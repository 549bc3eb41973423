import {
  changeFailureWindowStart,
  EntityFacts,
  entityFactsOf,
  FAILED_VERIFICATION,
  ROLLED_BACK_STATES,
} from '@trove/backstage-plugin-change-management-common';
import { Knex } from 'knex';
import { namedAsCauseQuery } from './causeQuery';
import { EntityFactsQuery } from './ChangeStore';
import { applyListFilters, entityKeys, inFlightQuery } from './listQuery';
import { retrospectiveOverdueQuery } from './overdueQuery';
import { toIso } from './timestamps';

// The SQL form of entityFacts (-common, workflow/changeFailure.ts), for a
// batch of entities at once: each figure is one grouped query per
// change_entities column (entity_ref, or system_ref for Systems), with the
// judges' own SQL forms as its condition. tests/entityFacts.test.ts
// compares it with the function on both databases.

/** `failedOnItsOwn`: deployed, then rolled back or verified as failed. */
export function failedOnItsOwnQuery(q: Knex.QueryBuilder) {
  q.whereNotNull('deployed_at').where(any =>
    any
      .whereIn('state', ROLLED_BACK_STATES)
      .orWhere('post_deployment_verified', FAILED_VERIFICATION!),
  );
}

/** `isFailedChange`: failed on its own, or named as an incident's cause. */
export function failedChangeQuery(db: Knex, q: Knex.QueryBuilder) {
  q.whereNotNull('deployed_at').where(any =>
    any
      .where(failedOnItsOwnQuery)
      .orWhere(named => namedAsCauseQuery(db, named)),
  );
}

/** Deployed to production in the window (now − 90 days, now]. */
function deployedInWindow(q: Knex.QueryBuilder, now: Date) {
  q.where('deployed_at', '>', changeFailureWindowStart(now)).where(
    'deployed_at',
    '<=',
    now,
  );
}

type Condition = (q: Knex.QueryBuilder) => void;
type Keys = { column: 'entity_ref' | 'system_ref'; refs: string[] };

/**
 * For each ref of one column, a value over the changes the reader may see
 * that meet the condition: the number of them, or their last deploy.
 */
export async function byRef(
  db: Knex,
  { column, refs }: Keys,
  query: EntityFactsQuery,
  condition: Condition,
  value: 'count' | 'lastDeployed',
): Promise<Map<string, unknown>> {
  const changes = applyListFilters(db, db('changes'), {
    permissionFilter: query.permissionFilter,
  })
    .select('changes.id')
    .where(condition);
  const grouped = db('change_entities as ce')
    .whereIn(`ce.${column}`, refs)
    .whereIn('ce.change_id', changes)
    .groupBy(`ce.${column}`)
    .select({ ref: `ce.${column}` });
  // A change that touches two parts of a System is one change of it.
  const rows: { ref: string; value: unknown }[] =
    value === 'count'
      ? await grouped.countDistinct({ value: 'ce.change_id' })
      : await grouped
          .join('changes', 'changes.id', 'ce.change_id')
          .max({ value: 'changes.deployed_at' });
  return new Map(rows.map(row => [row.ref, row.value]));
}

/** The figures of each entity of the query, in its order. */
export async function entityFactsQuery(
  db: Knex,
  query: EntityFactsQuery,
): Promise<EntityFacts[]> {
  const { now } = query;
  const columns = new Map<Keys['column'], string[]>();
  for (const ref of query.entityRefs) {
    const { column } = entityKeys(ref);
    columns.set(column, [...(columns.get(column) ?? []), ref]);
  }
  const conditions: Record<string, Condition> = {
    openChanges: inFlightQuery,
    overdueRetrospectives: q => retrospectiveOverdueQuery(q, now),
    productionChanges: q => deployedInWindow(q, now),
    failedChanges: q => {
      deployedInWindow(q, now);
      failedChangeQuery(db, q);
    },
  };
  const figures = new Map<string, Record<string, unknown>>();
  await Promise.all(
    [...columns].flatMap(([column, refs]) => {
      const keys = { column, refs };
      return [
        ...Object.entries(conditions).map(([name, condition]) => ({
          name,
          result: byRef(db, keys, query, condition, 'count'),
        })),
        {
          name: 'lastDeployed',
          result: byRef(
            db,
            keys,
            query,
            q => q.whereNotNull('deployed_at'),
            'lastDeployed',
          ),
        },
      ].map(async ({ name, result }) => {
        for (const [ref, value] of await result) {
          figures.set(ref, { ...figures.get(ref), [name]: value });
        }
      });
    }),
  );
  return query.entityRefs.map(ref => {
    const found = figures.get(ref) ?? {};
    // PostgreSQL counts in bigint, which arrives as a string.
    const count = (name: string) => Number(found[name] ?? 0);
    const last = toIso(found.lastDeployed);
    return entityFactsOf(
      {
        openChanges: count('openChanges'),
        overdueRetrospectives: count('overdueRetrospectives'),
        productionChanges: count('productionChanges'),
        failedChanges: count('failedChanges'),
      },
      last ? new Date(last) : undefined,
      now,
    );
  });
}
