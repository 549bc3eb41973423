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
 * UTC week (its Monday). A read takes whole weeks, then whole days. `extra`:
 * the columns a row of sums holds that follow from its key (a day's week).
 */
const SUMS_BY = [
  { period: 'day', sums: DAYS, buckets: BUCKETS, extra: ['week'] },
  { period: 'week', sums: WEEKS, buckets: WEEK_BUCKETS, extra: [] },
] as const;

/** A row's part in the sums: the columns each level keeps. */
type SummedRow = Pick<
  ReturnType<typeof toRow>,
  'scope_key' | 'day' | 'week' | 'type' | (typeof DAY_SUMS)[number]
> &
  Record<'lead_bucket' | 'recovery_bucket', number | null>;

/**
 * A row to add to one table of sums: its key columns (the conflict), the
 * columns that follow from the key (a day's week), and the amounts.
 */
type Delta = {
  table: string;
  keys: string[];
  amounts: string[];
  row: Record<string, string | number>;
};

/**
 * How the sums move when the rows `before` become `after`, netted per key
 * of each table: a change judged the same again moves nothing.
 */
function deltas(before: SummedRow[], after: SummedRow[]): Delta[] {
  const moved = new Map<string, Delta>();
  const move = (
    table: string,
    keys: Record<string, string | number>,
    amounts: Record<string, number>,
    implied: Record<string, string> = {},
  ) => {
    const id = [table, ...Object.values(keys)].join('\u0000');
    const delta = moved.get(id) ?? {
      table,
      keys: Object.keys(keys),
      amounts: Object.keys(amounts),
      row: { ...keys, ...implied },
    };
    moved.set(id, delta);
    for (const [column, amount] of Object.entries(amounts)) {
      delta.row[column] = Number(delta.row[column] ?? 0) + amount;
    }
  };
  const add = (r: SummedRow, sign: 1 | -1) => {
    for (const { period, sums, buckets, extra } of SUMS_BY) {
      move(
        sums,
        { scope_key: r.scope_key, [period]: r[period], type: r.type },
        {
          deployed: sign,
          ...Object.fromEntries(DAY_SUMS.map(c => [c, sign * Number(r[c])])),
        },
        Object.fromEntries(extra.map(c => [c, r[c]])),
      );
      for (const [kind, { bucket }] of Object.entries(TIME_KINDS)) {
        const b = r[bucket];
        if (b === null || b === undefined) continue;
        move(
          buckets,
          { scope_key: r.scope_key, kind, [period]: r[period], bucket: b },
          { count: sign },
        );
      }
    }
  };
  before.forEach(r => add(r, -1));
  after.forEach(r => add(r, 1));
  return [...moved.values()].filter(d => d.amounts.some(c => d.row[c]));
}

const byKeys = (keys: string[]) => (x: Delta, y: Delta) => {
  for (const k of keys) {
    if (x.row[k] !== y.row[k]) return x.row[k] < y.row[k] ? -1 : 1;
  }
  return 0;
};

/** Adds the deltas to their sums, a table at a time, in key order. */
async function addToSums(db: Knex, moved: Delta[]) {
  for (const { sums, buckets } of SUMS_BY) {
    for (const table of [sums, buckets]) {
      const mine = moved.filter(d => d.table === table);
      if (!mine.length) continue;
      const { keys, amounts } = mine[0];
      const rows = mine.sort(byKeys(keys)).map(d => d.row);
      const update = Object.fromEntries(
        amounts.map(c => [c, db.raw('?? + excluded.??', [`${table}.${c}`, c])]),
      );
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        await db(table)
          .insert(rows.slice(i, i + INSERT_CHUNK))
          .onConflict(keys)
          .merge(update);
      }
    }
  }
}

/** Judges the changes `ids` again: their rows, and the sums by difference. */
async function rejudge(tx: Knex.Transaction, ids: string[]) {
  const before: SummedRow[] = await tx(ROWS)
    .whereIn('change_id', ids)
    .select(
      'scope_key',
      'day',
      'week',
      'type',
      ...DAY_SUMS,
      'lead_bucket',
      'recovery_bucket',
    );
  const rows = ((await judge(tx, ids)) as Judged[]).map(toRow);
  await tx(ROWS).whereIn('change_id', ids).delete();
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await tx(ROWS).insert(rows.slice(i, i + INSERT_CHUNK));
  }
  await addToSums(tx, deltas(before, rows));
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
    // The marked changes in the order of their deploys, so that a chunk's
    // changes share days and weeks and move few sums (in the order of
    // their ids, each chunk moved sums across the whole history).
    const inDeployOrder = (marks: string) => `
      SELECT m.change_id FROM (SELECT DISTINCT change_id FROM ${marks}) m
        LEFT JOIN changes c ON c.id = m.change_id
       ORDER BY CASE WHEN c.deployed_at IS NULL THEN 1 ELSE 0 END,
                c.deployed_at, m.change_id`;
    let marked: { change_id: string }[];
    if (tx.client.config.client === 'pg') {
      await tx.raw(`SELECT pg_advisory_xact_lock(hashtext(?))`, [DIRTY]);
      // Only the marks this transaction sees: a write in flight commits
      // its own later, for the next refresh.
      marked = (
        await tx.raw(
          `WITH taken AS (DELETE FROM ${DIRTY} RETURNING change_id)
           ${inDeployOrder('taken')}`,
        )
      ).rows;
    } else {
      // SQLite writes one transaction at a time: none is in flight.
      marked = await tx.raw(inDeployOrder(DIRTY));
      await tx(DIRTY).delete();
    }
    const ids = marked.map(m => m.change_id);
    for (let i = 0; i < ids.length; i += CHUNK) {
      await rejudge(tx, ids.slice(i, i + CHUNK));
      onProgress?.(Math.min(i + CHUNK, ids.length), ids.length);
    }
    return ids.length;
  });
}
