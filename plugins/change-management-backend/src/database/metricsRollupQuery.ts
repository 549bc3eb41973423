import { EntityMetrics } from '@trove/backstage-plugin-change-management-common';
import { Knex } from 'knex';
import { MetricsQuery } from './ChangeStore';
import { figuresOf, Row } from './metricsFigures';
import { DAY_SUMS, TIME_KINDS, TimeKind } from './metricRollups';
import { entityKeys } from './listQuery';

// Issue 21: one entity's figures read from the rollups (metricRollups.ts),
// as metricsQuery.ts computes them from the changes: the whole UTC days of
// the period from the sums per day, the part-days at its ends from the
// judged rows, and each percentile's exact value from the rows of the
// bucket its rank falls in. Only for a reader who may read every change:
// the rollups count them all.

const DAY_MS = 86_400_000;
const ROWS = 'change_metric_rows';
const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

/** The period split: whole days [first, end) and the part-days around. */
function split(from: Date, to: Date) {
  const first = Math.ceil(from.getTime() / DAY_MS) * DAY_MS;
  const end = Math.floor(to.getTime() / DAY_MS) * DAY_MS;
  if (first >= end) return { parts: [[from, to]] as [Date, Date][] };
  return {
    days: [isoDay(first), isoDay(end)] as const,
    parts: [
      [from, new Date(first)],
      [new Date(end), to],
    ] as [Date, Date][],
  };
}

/** Rows of the key deployed in one of the ranges. */
function inRanges(q: Knex.QueryBuilder, ranges: [Date, Date][]) {
  return q.where(any => {
    for (const [from, to] of ranges) {
      any.orWhere(range =>
        range.where('deployed_at', '>=', from).where('deployed_at', '<', to),
      );
    }
  });
}

/** The period's sums per week and type, in one statement. */
function weekSums(db: Knex, key: string, from: Date, to: Date) {
  const { days, parts } = split(from, to);
  const columns = ['deployed', ...DAY_SUMS];
  const fromRows = inRanges(
    db(ROWS).where('scope_key', key).select('week', 'type'),
    parts,
  ).select(
    db.raw('1 AS deployed'),
    ...DAY_SUMS.map(c => db.raw('?? AS ??', [c, c])),
  );
  const all = days
    ? db('change_metric_days')
        .where('scope_key', key)
        .where('day', '>=', days[0])
        .where('day', '<', days[1])
        .select('week', 'type', ...columns)
        .unionAll(fromRows)
    : fromRows;
  return db
    .from(all.as('t'))
    .groupBy('week', 'type')
    .select(
      'week',
      'type',
      ...columns.map(c => db.raw('SUM(??) AS ??', [c, c])),
    ) as Promise<Row[]>;
}

/** Emergencies still without a retrospective whose deadline has passed. */
async function pendingDue(db: Knex, query: MetricsQuery, key: string) {
  const [row] = await db(ROWS)
    .where('scope_key', key)
    .where('retro_pending', 1)
    .where('deployed_at', '>=', query.from)
    .where('deployed_at', '<', query.to)
    .where('retro_due_at', '<=', query.now)
    .count({ n: '*' });
  return Number(row.n);
}

/**
 * `percentiles` of metricsQuery.ts, for one kind of time: how many times
 * there are, and the value at each of `at` with the same interpolation.
 */
async function percentilesOf(
  db: Knex,
  query: MetricsQuery,
  key: string,
  kind: TimeKind,
  at: number[],
): Promise<Row> {
  const { value, bucket } = TIME_KINDS[kind];
  const { days, parts } = split(query.from, query.to);
  const fromRows = inRanges(
    db(ROWS)
      .where('scope_key', key)
      .whereNotNull(bucket)
      .select({ bucket })
      .select(db.raw('1 AS count')),
    parts,
  );
  const all = days
    ? db('change_metric_buckets')
        .where({ scope_key: key, kind })
        .where('day', '>=', days[0])
        .where('day', '<', days[1])
        .select('bucket', 'count')
        .unionAll(fromRows)
    : fromRows;
  const counts: { bucket: number; count: number }[] = (
    await db
      .from(all.as('t'))
      .groupBy('bucket')
      .orderBy('bucket')
      .select('bucket', db.raw('SUM(count) AS count'))
  )
    .map((r: Row) => ({ bucket: Number(r.bucket), count: Number(r.count) }))
    .filter((r: { count: number }) => r.count > 0);
  const n = counts.reduce((sum, r) => sum + r.count, 0);
  const row: Row = { count: n };
  if (!n) return row;

  /** The period's times in a bucket, in value order. */
  const inBucket = (b: number) =>
    db(ROWS)
      .where({ scope_key: key, [bucket]: b })
      .where('deployed_at', '>=', query.from)
      .where('deployed_at', '<', query.to)
      .select(value)
      .limit(1);
  /**
   * A bucket's least and greatest time in the period, in one statement;
   * of ties, the newest first (the indexes' orders).
   */
  const ends = new Map<number, Promise<Row>>();
  const endsOf = (b: number) => {
    if (!ends.has(b)) {
      ends.set(
        b,
        db
          .select({
            first: inBucket(b).orderBy([
              { column: value, order: 'asc' },
              { column: 'deployed_at', order: 'desc' },
            ]),
            last: inBucket(b).orderBy([
              { column: value, order: 'desc' },
              { column: 'deployed_at', order: 'desc' },
            ]),
          })
          .first(),
      );
    }
    return ends.get(b)!;
  };
  /** The value ranked `rank` (from 0) of the period's times. */
  const valueAt = async (rank: number): Promise<number> => {
    let before = 0;
    for (const { bucket: b, count } of counts) {
      if (rank < before + count) {
        // A bucket of one value (ties, as deploys on a schedule give) is
        // read from its ends; any other at the rank's offset.
        const { first, last } = await endsOf(b);
        if (Number(first) === Number(last)) return Number(first);
        const [found] = await inBucket(b)
          .orderBy(value)
          .offset(rank - before);
        return Number(found[value]);
      }
      before += count;
    }
    throw new Error(`No time ranked ${rank} of ${n}`);
  };
  await Promise.all(
    at.map(async (p, k) => {
      // As percentiles(): each rank within one of p·(n − 1) weighs
      // 1 − its distance.
      const position = p * (n - 1);
      const ranks = [...new Set([Math.floor(position), Math.ceil(position)])];
      let sum = 0;
      for (const rank of ranks) {
        const distance = Math.abs(rank - position);
        if (distance < 1) sum += (await valueAt(rank)) * (1 - distance);
      }
      row[`p${k}`] = sum;
    }),
  );
  return row;
}

/**
 * One entity's figures over the period from the rollups, which must have
 * been refreshed (refreshMetricRollups) and which count every change: for
 * a reader with no conditions on what they may read.
 */
export async function metricsRollupQuery(
  db: Knex,
  query: MetricsQuery,
): Promise<EntityMetrics> {
  const key = entityKeys(query.entityRef).ref;
  const [weekRows, pending, lead, recovery] = await Promise.all([
    weekSums(db, key, query.from, query.to),
    pendingDue(db, query, key),
    percentilesOf(db, query, key, 'lead', [0.5, 0.9]),
    percentilesOf(db, query, key, 'recovery', [0.5]),
  ]);
  const w = query.weights;
  const scoreOf = (r: Row) =>
    Number(r.failed_own) * w.failed +
    Number(r.verified_issues) * w.verifiedWithIssues +
    Number(r.verified_clean) * w.verifiedWithoutIssues +
    Number(r.caused_p1) * w.causedP1Emergency +
    Number(r.caused_p2) * w.causedP2Emergency;
  const weeks = new Map<string, Row>();
  const totals: Row = {
    total: 0,
    failed: 0,
    score: 0,
    retrospective_due: pending,
    retrospective_on_time: 0,
  };
  const add = (target: Row, column: string, amount: number) => {
    target[column] = Number(target[column] ?? 0) + amount;
  };
  for (const r of weekRows) {
    const type = String(r.type);
    const week = weeks.get(String(r.week)) ?? {};
    weeks.set(String(r.week), week);
    const deployed = Number(r.deployed);
    add(week, type, deployed);
    add(week, 'score', scoreOf(r));
    add(totals, type, deployed);
    add(totals, 'total', deployed);
    add(totals, 'failed', Number(r.failed));
    add(totals, 'score', scoreOf(r));
    add(totals, 'retrospective_due', Number(r.retro_done));
    add(totals, 'retrospective_on_time', Number(r.retro_on_time));
  }
  return figuresOf(query, query.entityRef, {
    totals,
    weeks,
    lead,
    recovery,
  });
}
