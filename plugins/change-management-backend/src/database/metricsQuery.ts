import {
  CHANGE_TYPES,
  EntityMetrics,
  FAILED_VERIFICATION,
  ROLLED_BACK_STATES,
} from '@trove/backstage-plugin-change-management-common';
import { Knex } from 'knex';
import { incidentCausesQuery } from './causeQuery';
import { DeploymentTotals, MetricsQuery } from './ChangeStore';
import { figuresOf, Row } from './metricsFigures';
import { applyListFilters, entityKeys } from './listQuery';

// Issue 21: the SQL form of deliveryMetrics (-common,
// workflow/deliveryMetrics.ts and changeScore.ts). One row per change
// deployed in the period carries what each judge says of it (its week,
// failure, score, lead time, recovery time, retrospective); the figures
// are sums and percentiles over those rows, grouped by a scope key: the
// entity asked about, or each System or owning group at once for the
// overview (metricsOverviewQuery.ts). tests/metricsQuery.test.ts compares
// it with the functions on both databases.

/**
 * The dialects' differences, in one place. PostgreSQL keeps timestamptz;
 * SQLite keeps epoch milliseconds (timestamps.ts).
 */
export function dialect(db: Knex) {
  const pg = db.client.config.client === 'pg';
  return {
    /** Hours from `earlier` to `later`, as a double. */
    hoursBetween: (later: string, earlier: string) =>
      pg
        ? `CAST(EXTRACT(EPOCH FROM (${later} - ${earlier})) AS DOUBLE PRECISION) / 3600`
        : `CAST((${later} - ${earlier}) AS DOUBLE PRECISION) / 3600000`,
    /** The Monday (UTC) of a time's week, yyyy-mm-dd (`weekStartOf`). */
    weekStart: (time: string) =>
      pg
        ? `to_char(date_trunc('week', ${time} AT TIME ZONE 'UTC'), 'YYYY-MM-DD')`
        : // The next Monday from six days before: the day itself if a Monday.
          `date(${time} / 1000, 'unixepoch', '-6 days', 'weekday 1')`,
  };
}

const ROLLED_BACK = ROLLED_BACK_STATES.map(() => '?').join(', ');

/** `failedOnItsOwn` of the row (deployed, as every row here is). */
export const FAILED_ON_ITS_OWN = `(changes.state IN (${ROLLED_BACK}) OR changes.post_deployment_verified = ?)`;
export const FAILED_ON_ITS_OWN_BINDINGS = [
  ...ROLLED_BACK_STATES,
  FAILED_VERIFICATION!,
];

/** A weight, typed for PostgreSQL, which cannot infer a bare parameter's. */
const WEIGHT = 'CAST(? AS DOUBLE PRECISION)';

/** The changes the reader may see, for what looks beyond the entity. */
function visibleIds(
  db: Knex,
  query: Pick<MetricsPeriodQuery, 'permissionFilter'>,
) {
  return applyListFilters(db, db('changes'), {
    permissionFilter: query.permissionFilter,
  }).select('changes.id');
}

/**
 * `recoveryHours`' next recovering deploy: of a change the reader may see,
 * verified "Yes", not rolled back, after the row's deploy, sharing one of
 * its affected entities.
 */
export function nextRecoveringDeploy(
  db: Knex,
  query: Pick<MetricsPeriodQuery, 'permissionFilter'>,
) {
  // The first in deploy order rather than min(): read from the row's deploy
  // on changes_deployed_at_idx, it stops at the first that recovers, where
  // min() would join every later deploy first.
  const next = db('changes as n')
    .select('n.deployed_at')
    .whereRaw('n.deployed_at > changes.deployed_at')
    .orderBy('n.deployed_at')
    .limit(1)
    .where('n.post_deployment_verified', 'yes')
    .whereNotIn('n.state', ROLLED_BACK_STATES)
    .whereExists(
      db('change_entities as mine')
        .select(db.raw('1'))
        .join(
          'change_entities as theirs',
          'theirs.entity_ref',
          'mine.entity_ref',
        )
        .whereRaw('mine.change_id = changes.id')
        .whereRaw('theirs.change_id = n.id'),
    );
  if (query.permissionFilter) next.whereIn('n.id', visibleIds(db, query));
  return next;
}

/**
 * Whose figures: one entity's (a System with its parts), those of each of
 * several entities (issue 24's risk, one key per entity, each as the one
 * entity's), or those of each System or each owning group, by the
 * change_entities column that names it. A change counts once for each
 * System or group it touches.
 */
export type MetricsScope =
  | { entityRef: string }
  | { entityRefs: string[] }
  | { each: 'system_ref' | 'owner_ref' };

/**
 * Each change of these entities with the entity as its key, as the one
 * entity's filter matches it (entityKeys): a System by `system_ref`, any
 * other entity by `entity_ref`. At most two branches, whatever the count;
 * at least one ref.
 */
function keyedByEntity(db: Knex, entityRefs: string[]) {
  const byColumn = new Map<'entity_ref' | 'system_ref', string[]>();
  for (const entityRef of new Set(entityRefs)) {
    const { column, ref } = entityKeys(entityRef);
    byColumn.set(column, [...(byColumn.get(column) ?? []), ref]);
  }
  const branches = [...byColumn].map(([column, refs]) =>
    db('change_entities')
      .distinct({ change_id: 'change_id', scope_key: column })
      .whereIn(column, refs),
  );
  const [first, ...rest] = branches;
  // Unwrapped: SQLite takes no parentheses around a compound's members.
  return rest.length ? first.unionAll(rest) : first;
}

/** The period, the clock, the weights and the reader of the figures. */
export type MetricsPeriodQuery = Omit<MetricsQuery, 'entityRef'>;

/**
 * The changes of the scope, each with its `scope_key`: the entity asked
 * about, or each System or group it touches (one row per pair).
 */
function scopedChanges(
  db: Knex,
  query: MetricsPeriodQuery,
  scope: MetricsScope,
): Knex.QueryBuilder {
  if ('entityRef' in scope) {
    return applyListFilters(db, db('changes'), {
      entityRef: scope.entityRef,
      permissionFilter: query.permissionFilter,
    }).select(db.raw('CAST(? AS TEXT) AS scope_key', [scope.entityRef]));
  }
  const keyed =
    'entityRefs' in scope
      ? keyedByEntity(db, scope.entityRefs)
      : db('change_entities')
          .distinct({ change_id: 'change_id', scope_key: scope.each })
          .whereNotNull(scope.each);
  return applyListFilters(db, db('changes'), {
    permissionFilter: query.permissionFilter,
  })
    .join(keyed.as('keyed'), 'keyed.change_id', 'changes.id')
    .select('keyed.scope_key');
}

/** One row per change of the scope deployed in the period, judged. */
function judgedChanges(
  db: Knex,
  query: MetricsPeriodQuery,
  scope: MetricsScope,
): Knex.QueryBuilder {
  const { hoursBetween, weekStart } = dialect(db);
  const { weights } = query;
  const submitted = db('change_events as ev')
    .min('ev.created_at')
    .whereRaw('ev.change_id = changes.id')
    // A literal, as change_events_submit_idx's predicate, so that SQLite
    // too reads that partial index.
    .whereRaw(`ev.action = 'submit'`);
  const retrospectiveDue = `changes.type = 'emergency' AND changes.retrospective_due_at IS NOT NULL AND (changes.retrospective_by IS NOT NULL OR changes.retrospective_due_at <= ?)`;
  return scopedChanges(db, query, scope)
    .leftJoin(
      incidentCausesQuery(db).as('causes'),
      'causes.caused_by',
      'changes.id',
    )
    .where('changes.deployed_at', '>=', query.from)
    .where('changes.deployed_at', '<', query.to)
    .select({ type: 'changes.type' })
    .select(
      db.raw(`${weekStart('changes.deployed_at')} AS week`),
      // isFailedChange
      db.raw(
        `CASE WHEN ${FAILED_ON_ITS_OWN} OR causes.caused_by IS NOT NULL THEN 1 ELSE 0 END AS failed`,
        FAILED_ON_ITS_OWN_BINDINGS,
      ),
      // changeScore: the outcome (deployOutcome), then the incident.
      db.raw(
        `CASE WHEN ${FAILED_ON_ITS_OWN} THEN ${WEIGHT}
          WHEN changes.post_deployment_verified = 'yes' AND changes.issues_encountered <> '' THEN ${WEIGHT}
          WHEN changes.post_deployment_verified = 'yes' THEN ${WEIGHT}
          ELSE 0 END
        + CASE causes.severity WHEN 'P1' THEN ${WEIGHT} WHEN 'P2' THEN ${WEIGHT} ELSE 0 END AS score`,
        [
          ...FAILED_ON_ITS_OWN_BINDINGS,
          weights.failed,
          weights.verifiedWithIssues,
          weights.verifiedWithoutIssues,
          weights.causedP1Emergency,
          weights.causedP2Emergency,
        ],
      ),
      // leadTimeHours
      db.raw(`${hoursBetween('changes.deployed_at', '(?)')} AS lead_hours`, [
        submitted,
      ]),
      // recoveryHours, of a failed change
      db.raw(
        `CASE WHEN ${FAILED_ON_ITS_OWN} OR causes.caused_by IS NOT NULL
          THEN ${hoursBetween(
            '(?)',
            'changes.deployed_at',
          )} END AS recovery_hours`,
        [...FAILED_ON_ITS_OWN_BINDINGS, nextRecoveringDeploy(db, query)],
      ),
      // retrospectiveStatus
      db.raw(
        `CASE WHEN ${retrospectiveDue} THEN 1 ELSE 0 END AS retrospective_due`,
        [query.now],
      ),
      db.raw(
        `CASE WHEN ${retrospectiveDue} AND changes.retrospective_by IS NOT NULL AND NOT changes.retrospective_late THEN 1 ELSE 0 END AS retrospective_on_time`,
        [query.now],
      ),
    );
}

/** A count of each type, as the select of a sum over judged rows. */
const byTypeColumns = (db: Knex) =>
  CHANGE_TYPES.map(type =>
    db.raw(`SUM(CASE WHEN type = ? THEN 1 ELSE 0 END) AS ??`, [type, type]),
  );

/**
 * `percentile` of a column of the judged rows for each scope key, at each
 * of `at` (constants of this file, written into the SQL): percentile_cont's
 * interpolation in window functions, which SQLite has too. The values are
 * ranked from 0; the percentile sits at rank p·(n − 1), and each value
 * within one rank of it weighs 1 − its distance: the two ranks around it
 * share it as the interpolation does, and a rank exactly on it takes it all.
 */
function percentiles(
  db: Knex,
  rows: Knex.QueryBuilder,
  column: string,
  at: number[],
) {
  const ranked = db
    .from(rows.as('judged'))
    .whereNotNull(column)
    .select({ scope_key: 'scope_key', value: column })
    .select(
      db.raw(
        'ROW_NUMBER() OVER (PARTITION BY scope_key ORDER BY ??) - 1 AS i',
        [column],
      ),
      db.raw('COUNT(*) OVER (PARTITION BY scope_key) AS n'),
    );
  const distance = (p: number) =>
    `ABS(i - CAST(${p} AS DOUBLE PRECISION) * (n - 1))`;
  return db
    .from(ranked.as('ranked'))
    .groupBy('scope_key')
    .select(
      'scope_key',
      db.raw('COUNT(*) AS count'),
      ...at.map((p, k) =>
        db.raw(
          `SUM(CASE WHEN ${distance(p)} < 1 THEN value * (1 - ${distance(
            p,
          )}) END) AS ??`,
          [`p${k}`],
        ),
      ),
    );
}

/** Deployed, failed and score of each scope key of the judged rows. */
function totalsQuery(db: Knex, judged: Knex.QueryBuilder) {
  return db
    .from(judged.as('judged'))
    .groupBy('scope_key')
    .select(
      'scope_key',
      db.raw('COUNT(*) AS total'),
      db.raw('SUM(failed) AS failed'),
      db.raw('SUM(score) AS score'),
    );
}

/**
 * The figures of every key of a scope over the period, in four queries
 * grouped by key; the answer gives any key's figures, zeros for a key that
 * deployed nothing.
 */
export async function scopedMetrics(
  db: Knex,
  query: MetricsPeriodQuery,
  scope: MetricsScope,
): Promise<(key: string) => EntityMetrics> {
  const judged = () => judgedChanges(db, query, scope);
  const [totals, weekRows, lead, recovery] = await Promise.all([
    totalsQuery(db, judged()).select(
      ...byTypeColumns(db),
      db.raw('SUM(retrospective_due) AS retrospective_due'),
      db.raw('SUM(retrospective_on_time) AS retrospective_on_time'),
    ) as Promise<Row[]>,
    db
      .from(judged().as('judged'))
      .groupBy('scope_key', 'week')
      .select(
        'scope_key',
        'week',
        ...byTypeColumns(db),
        db.raw('SUM(score) AS score'),
      ) as Promise<Row[]>,
    percentiles(db, judged(), 'lead_hours', [0.5, 0.9]) as Promise<Row[]>,
    percentiles(db, judged(), 'recovery_hours', [0.5]) as Promise<Row[]>,
  ]);
  const weeks = new Map<string, Map<string, Row>>();
  for (const row of weekRows) {
    const key = String(row.scope_key);
    weeks.set(key, (weeks.get(key) ?? new Map()).set(String(row.week), row));
  }
  const byKey = (rows: Row[]) =>
    new Map(rows.map(row => [String(row.scope_key), row]));
  const [totalsOf, leadOf, recoveryOf] = [totals, lead, recovery].map(byKey);
  return key =>
    figuresOf(query, key, {
      totals: totalsOf.get(key),
      weeks: weeks.get(key) ?? new Map(),
      lead: leadOf.get(key),
      recovery: recoveryOf.get(key),
    });
}

/** One entity's figures over the period, in four queries. */
export async function metricsQuery(
  db: Knex,
  query: MetricsQuery,
): Promise<EntityMetrics> {
  const { entityRef } = query;
  return (await scopedMetrics(db, query, { entityRef }))(entityRef);
}

/**
 * What issue 24's risk reads of the history of a change's affected
 * entities: each one's deployed, failed and score over the period, as
 * `metrics` counts them (`changeFailureRate.deployed`, `.failed`,
 * `score.total`), in query order, from one grouped query, whatever the
 * number of entities. The risk needs no weeks and no percentiles, so a
 * submit pays for none of them.
 */
export async function deploymentTotalsOfEach(
  db: Knex,
  query: MetricsPeriodQuery & { entityRefs: string[] },
): Promise<DeploymentTotals[]> {
  const { entityRefs, ...period } = query;
  if (!entityRefs.length) return [];
  const rows: Row[] = await totalsQuery(
    db,
    judgedChanges(db, period, { entityRefs }),
  );
  const byKey = new Map(rows.map(row => [String(row.scope_key), row]));
  return entityRefs.map(entityRef => {
    const row = byKey.get(entityRef);
    return {
      entityRef,
      deployed: Number(row?.total ?? 0),
      failed: Number(row?.failed ?? 0),
      score: Number(row?.score ?? 0),
    };
  });
}
