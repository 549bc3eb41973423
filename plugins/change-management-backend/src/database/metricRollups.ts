import {
  deployOutcome,
  weekStartOf,
} from '@trove/backstage-plugin-change-management-common';
import { Knex } from 'knex';
import { incidentCausesQuery } from './causeQuery';
import {
  dialect,
  FAILED_ON_ITS_OWN,
  FAILED_ON_ITS_OWN_BINDINGS,
  nextRecoveringDeploy,
} from './metricsQuery';
import { toIso } from './timestamps';

// Issue 21: keeps the metrics' rollups (migrations
// 20261230000000_metric_rollups.js and 20261231000000_metric_week_rollups.js)
// exact. The triggers mark the changes whose judgement a write may have
// moved; before a read, the marked changes are judged again here, with the
// SQL of the metrics read itself, and the sums of the days, the weeks and
// their buckets move by the difference.

const DIRTY = 'change_metrics_dirty';
const ROWS = 'change_metric_rows';
const DAYS = 'change_metric_days';
const BUCKETS = 'change_metric_buckets';
const WEEKS = 'change_metric_weeks';
const WEEK_BUCKETS = 'change_metric_week_buckets';

/** Changes judged again per statement: within SQLite's 32,766 parameters. */
const CHUNK = 2000;
/** Rows inserted per statement: 21 columns each. */
const INSERT_CHUNK = 400;

/** The sums of change_metric_days, as columns of change_metric_rows. */
export const DAY_SUMS = [
  'failed',
  'failed_own',
  'verified_issues',
  'verified_clean',
  'caused_p1',
  'caused_p2',
  'retro_done',
  'retro_on_time',
] as const;

/** The kinds of times, each with its columns in change_metric_rows. */
export const TIME_KINDS = {
  lead: { value: 'lead_hours', bucket: 'lead_bucket' },
  recovery: { value: 'recovery_hours', bucket: 'recovery_bucket' },
} as const;
export type TimeKind = keyof typeof TIME_KINDS;

/** Below every logarithmic bucket: the times of zero hours or less. */
const NOT_POSITIVE = -1_000_000;

/**
 * A time's bucket: 32 per factor of e, each about 3% wide. Monotonic, so
 * that the rank of a value falls in the bucket the counts say.
 */
export function bucketOf(hours: number): number {
  return hours > 0 ? Math.floor(Math.log(hours) * 32) : NOT_POSITIVE;
}

/** A statement that marks the deployed changes `chosen` picks. */
export function markDeployedStatement(
  chosen: (idColumn: string) => string,
): string {
  return `INSERT INTO ${DIRTY} (change_id)
    SELECT id FROM changes WHERE deployed_at IS NOT NULL AND ${chosen('id')}`;
}

type Judged = Record<string, any>;

/** The judges' SQL over the changes `ids`, one row per deployed change and key. */
function judge(db: Knex, ids: string[]): Knex.QueryBuilder {
  const { hoursBetween } = dialect(db);
  const keyed = db('change_entities')
    .select({ change_id: 'change_id', scope_key: 'entity_ref' })
    .whereIn('change_id', ids)
    .whereNot('entity_ref', 'like', 'system:%')
    .union(
      db('change_entities')
        .select({ change_id: 'change_id', scope_key: 'system_ref' })
        .whereIn('change_id', ids)
        .whereNotNull('system_ref'),
    );
  const submitted = db('change_events as ev')
    .min('ev.created_at')
    .whereRaw('ev.change_id = changes.id')
    .whereRaw(`ev.action = 'submit'`);
  const failed = `(${FAILED_ON_ITS_OWN} OR causes.caused_by IS NOT NULL)`;
  const inner = db('changes')
    .join(keyed.as('keyed'), 'keyed.change_id', 'changes.id')
    .leftJoin(
      // Only the claims on these changes, read by changes_caused_by_idx.
      incidentCausesQuery(db).whereIn('claim.caused_by', ids).as('causes'),
      'causes.caused_by',
      'changes.id',
    )
    .whereIn('changes.id', ids)
    .whereNotNull('changes.deployed_at')
    .select({
      scope_key: 'keyed.scope_key',
      change_id: 'changes.id',
      deployed_at: 'changes.deployed_at',
      type: 'changes.type',
      state: 'changes.state',
      verified: 'changes.post_deployment_verified',
      issues: 'changes.issues_encountered',
      severity: 'causes.severity',
      retro_due_at: 'changes.retrospective_due_at',
      retro_by: 'changes.retrospective_by',
      retro_late: 'changes.retrospective_late',
    })
    .select(
      db.raw(`CASE WHEN ${failed} THEN 1 ELSE 0 END AS failed`, [
        ...FAILED_ON_ITS_OWN_BINDINGS,
      ]),
      db.raw(`(?) AS submitted_at`, [submitted]),
      db.raw(`CASE WHEN ${failed} THEN (?) END AS recovered_at`, [
        ...FAILED_ON_ITS_OWN_BINDINGS,
        nextRecoveringDeploy(db, {}),
      ]),
    );
  // The times as metricsQuery.ts computes them, from the same values.
  return db
    .from(inner.as('j'))
    .select(
      'j.*',
      db.raw(
        `${hoursBetween('j.deployed_at', 'j.submitted_at')} AS lead_hours`,
      ),
      db.raw(
        `${hoursBetween('j.recovered_at', 'j.deployed_at')} AS recovery_hours`,
      ),
    );
}

const flag = (value: boolean) => (value ? 1 : 0);
const number = (value: unknown) =>
  value === null || value === undefined ? null : Number(value);

/** A judged row as change_metric_rows keeps it. */
function toRow(j: Judged) {
  const deployedAt = toIso(j.deployed_at);
  // The score's judge of -common, on the row's own fields (every row is a
  // deployed change); metricsQuery.ts says the same in SQL.
  const outcome = deployOutcome({
    state: j.state,
    deployed: { by: '', at: deployedAt },
    postDeploymentVerified: j.verified ?? undefined,
    issuesEncountered: j.issues ?? undefined,
  });
  const retro = j.type === 'emergency' && j.retro_due_at !== null;
  const done = retro && j.retro_by !== null;
  const lead = number(j.lead_hours);
  const recovery = number(j.recovery_hours);
  return {
    scope_key: j.scope_key,
    change_id: j.change_id,
    deployed_at: j.deployed_at,
    day: deployedAt.slice(0, 10),
    week: weekStartOf(new Date(deployedAt)),
    type: j.type,
    failed: Number(j.failed),
    failed_own: flag(outcome === 'failed'),
    verified_issues: flag(outcome === 'verifiedWithIssues'),
    verified_clean: flag(outcome === 'verifiedWithoutIssues'),
    caused_p1: flag(j.severity === 'P1'),
    caused_p2: flag(j.severity === 'P2'),
    lead_hours: lead,
    lead_bucket: lead === null ? null : bucketOf(lead),
    recovered_at: j.recovered_at ?? null,
    recovery_hours: recovery,
    recovery_bucket: recovery === null ? null : bucketOf(recovery),
    retro_due_at: j.retro_due_at ?? null,
    retro_done: flag(done),
    retro_on_time: flag(done && !j.retro_late),
    retro_pending: flag(retro && !done),
  };
}

/**
 * The sums kept of the rows, each per key and one period: a UTC day and a
 * UTC week (its Monday). A read takes whole weeks, then whole days.
 */
const SUMS_BY = [
  { period: 'day', sums: DAYS, buckets: BUCKETS, extra: ['week'] },
  { period: 'week', sums: WEEKS, buckets: WEEK_BUCKETS, extra: [] },
] as const;

/** Adds `sign` times the rows of the changes `ids` to the sums. */
async function addToSums(db: Knex, ids: string[], sign: 1 | -1) {
  const marks = ids.map(() => '?').join(', ');
  const sums = DAY_SUMS.map(c => `${sign} * SUM(${c})`).join(', ');
  for (const { period, sums: table, buckets, extra } of SUMS_BY) {
    const keys = ['scope_key', period, 'type', ...extra].join(', ');
    const update = ['deployed', ...DAY_SUMS]
      .map(c => `${c} = ${table}.${c} + excluded.${c}`)
      .join(', ');
    await db.raw(
      `INSERT INTO ${table} (${keys}, deployed, ${DAY_SUMS.join(', ')})
       SELECT ${keys}, ${sign} * COUNT(*), ${sums}
         FROM ${ROWS} WHERE change_id IN (${marks})
        GROUP BY ${keys}
        ORDER BY ${keys}
       ON CONFLICT (scope_key, ${period}, type) DO UPDATE SET ${update}`,
      ids,
    );
    for (const [kind, { bucket }] of Object.entries(TIME_KINDS)) {
      await db.raw(
        `INSERT INTO ${buckets} (scope_key, kind, ${period}, bucket, count)
         SELECT scope_key, ?, ${period}, ${bucket}, ${sign} * COUNT(*)
           FROM ${ROWS} WHERE ${bucket} IS NOT NULL AND change_id IN (${marks})
          GROUP BY scope_key, ${period}, ${bucket}
          ORDER BY scope_key, ${period}, ${bucket}
         ON CONFLICT (scope_key, kind, ${period}, bucket)
         DO UPDATE SET count = ${buckets}.count + excluded.count`,
        [kind, ...ids],
      );
    }
  }
}

/** Judges the changes `ids` again: their rows, and the sums by difference. */
async function rejudge(tx: Knex.Transaction, ids: string[]) {
  await addToSums(tx, ids, -1);
  await tx(ROWS).whereIn('change_id', ids).delete();
  const rows = ((await judge(tx, ids)) as Judged[]).map(toRow);
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await tx(ROWS).insert(rows.slice(i, i + INSERT_CHUNK));
  }
  await addToSums(tx, ids, 1);
}

/**
 * More marks than this, and a read computes its figures from the changes
 * instead of waiting for them all to be judged: after the upgrade that
 * marks every deployed change, or while the task judges a large backlog.
 */
export const MAX_BACKLOG = 5000;

/** How many marks wait, counted up to one more than MAX_BACKLOG. */
export async function marksWaiting(db: Knex): Promise<number> {
  const [{ n }] = await db
    .from(
      db(DIRTY)
        .select('seq')
        .limit(MAX_BACKLOG + 1)
        .as('marks'),
    )
    .count({ n: '*' });
  return Number(n);
}

/**
 * Judges again every change marked since the last refresh, so that the
 * rollups are exact for what has committed. One refresh at a time (an
 * advisory lock on PostgreSQL; SQLite writes one at a time): a second
 * reader waits, then finds nothing left. Returns how many changes were
 * judged. Cheap when nothing is marked: one indexed read.
 */
export async function refreshMetricRollups(
  db: Knex,
  onProgress?: (done: number, total: number) => void,
): Promise<number> {
  if (!(await db(DIRTY).first('seq'))) return 0;
  return db.transaction(async tx => {
    let marked: { change_id: string }[];
    if (tx.client.config.client === 'pg') {
      await tx.raw(`SELECT pg_advisory_xact_lock(hashtext(?))`, [DIRTY]);
      // Only the marks this transaction sees: a write in flight commits
      // its own later, for the next refresh.
      marked = await tx(DIRTY).delete().returning('change_id');
    } else {
      // SQLite writes one transaction at a time: none is in flight.
      marked = await tx(DIRTY).select('change_id');
      await tx(DIRTY).delete();
    }
    const ids = [...new Set(marked.map(m => m.change_id))].sort();
    for (let i = 0; i < ids.length; i += CHUNK) {
      await rejudge(tx, ids.slice(i, i + CHUNK));
      onProgress?.(Math.min(i + CHUNK, ids.length), ids.length);
    }
    return ids.length;
  });
}
