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
const WEEK_MS = 7 * DAY_MS;
const ROWS = 'change_metric_rows';
const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);
/** Days since the Monday on or before a UTC midnight (1970-01-01 was a Thursday). */
const sinceMonday = (time: number) => (time / DAY_MS + 3) % 7;

type Range = [string, string];

/**
 * The period split in three: whole UTC weeks (Monday first) [from, to),
 * the whole days around them, and the part-days at the period's ends.
 */
function split(from: Date, to: Date) {
  const first = Math.ceil(from.getTime() / DAY_MS) * DAY_MS;
  const end = Math.floor(to.getTime() / DAY_MS) * DAY_MS;
  if (first >= end) {
    return { days: [] as Range[], parts: [[from, to]] as [Date, Date][] };
  }
  const parts: [Date, Date][] = [
    [from, new Date(first)],
    [new Date(end), to],
  ];
  const firstWeek = first + ((7 - sinceMonday(first)) % 7) * DAY_MS;
  const endWeek = end - sinceMonday(end) * DAY_MS;
  if (firstWeek + WEEK_MS > endWeek) {
    return { days: [[isoDay(first), isoDay(end)]] as Range[], parts };
  }
  const days: Range[] = [
    [isoDay(first), isoDay(firstWeek)],
    [isoDay(endWeek), isoDay(end)],
  ];
  return {
    weeks: [isoDay(firstWeek), isoDay(endWeek)] as Range,
    days: days.filter(([a, b]) => a < b),
    parts,
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

/** Sums of the key whose `period` (day or week) is in one of the ranges. */
function sumsIn(
  db: Knex,
  table: string,
  key: string,
  period: 'day' | 'week',
  ranges: Range[],
) {
  return db(table)
    .where('scope_key', key)
    .where(any => {
      for (const [from, to] of ranges) {
        any.orWhere(range =>
          range.where(period, '>=', from).where(period, '<', to),
        );
      }
    });
}

/** The period's sources: whole weeks, whole days, then part-day rows. */
function sources(
  db: Knex,
  tables: { weeks: string; days: string },
  key: string,
  period: ReturnType<typeof split>,
  columns: (string | Knex.Raw)[],
) {
  return [
    ...(period.weeks
      ? [sumsIn(db, tables.weeks, key, 'week', [period.weeks]).select(columns)]
      : []),
    ...(period.days.length
      ? [sumsIn(db, tables.days, key, 'day', period.days).select(columns)]
      : []),
  ];
}

/**
 * The period's sums per week and type, in one statement, with `overdue`:
 * the emergencies deployed then still without a retrospective whose
 * deadline has passed by `now` (the one figure that moves with the clock,
 * so it is counted from the rows).
 */
function weekSums(db: Knex, query: MetricsQuery, key: string) {
  const period = split(query.from, query.to);
  const columns = ['deployed', ...DAY_SUMS, 'overdue'];
  const rows = () => db(ROWS).where('scope_key', key).select('week', 'type');
  const fromRows = inRanges(rows(), period.parts).select(
    db.raw('1 AS deployed'),
    ...DAY_SUMS.map(c => db.raw('?? AS ??', [c, c])),
    db.raw('0 AS overdue'),
  );
  const overdue = rows()
    .where('retro_pending', 1)
    .where('deployed_at', '>=', query.from)
    .where('deployed_at', '<', query.to)
    .where('retro_due_at', '<=', query.now)
    .select(
      db.raw('0 AS deployed'),
      ...DAY_SUMS.map(c => db.raw('0 AS ??', [c])),
      db.raw('1 AS overdue'),
    );
  const [first, ...rest] = [
    ...sources(
      db,
      { weeks: 'change_metric_weeks', days: 'change_metric_days' },
      key,
      period,
      ['week', 'type', 'deployed', ...DAY_SUMS, db.raw('0 AS overdue')],
    ),
    fromRows,
    overdue,
  ];
  return db
    .from(first.unionAll(rest).as('t'))
    .groupBy('week', 'type')
    .select(
      'week',
      'type',
      ...columns.map(c => db.raw('SUM(??) AS ??', [c, c])),
    ) as Promise<Row[]>;
}

/** A percentile asked for: of which kind of time, and at which fraction. */
type Asked = { kind: TimeKind; at: number[] };

/**
 * A bucket's count, how many times of its kind reach up to its end, and
 * its least and greatest time (of ties the newest, the indexes' orders).
 */
type Counted = {
  bucket: number;
  count: number;
  upto: number;
  n: number;
  first: number;
  last: number;
};

/** The period's times of a kind in a bucket, in the order asked. */
function inBucket(
  db: Knex,
  query: MetricsQuery,
  key: string,
  kind: TimeKind,
  b: number | Knex.Raw,
) {
  const { value, bucket } = TIME_KINDS[kind];
  return db(ROWS)
    .where('scope_key', key)
    .where(bucket, b)
    .where('deployed_at', '>=', query.from)
    .where('deployed_at', '<', query.to)
    .select(value);
}

/**
 * Each kind's times counted per bucket over the period, in one statement,
 * with the running count of each kind: of those buckets, only the ones a
 * rank asked for may fall in (within one of p·(n − 1)) come back, so that a
 * year of a thousand buckets sends back a few, each with its two ends.
 */
async function bucketsNear(
  db: Knex,
  query: MetricsQuery,
  key: string,
  asked: Asked[],
) {
  const period = split(query.from, query.to);
  const fromRows = Object.entries(TIME_KINDS).map(([kind, { bucket }]) =>
    inRanges(
      db(ROWS)
        .where('scope_key', key)
        .whereNotNull(bucket)
        .select(db.raw('CAST(? AS TEXT) AS kind', [kind]), { bucket })
        .select(db.raw('1 AS count')),
      period.parts,
    ),
  );
  const [first, ...rest] = [
    ...sources(
      db,
      { weeks: 'change_metric_week_buckets', days: 'change_metric_buckets' },
      key,
      period,
      ['kind', 'bucket', 'count'],
    ),
    ...fromRows,
  ];
  const counted = db
    .from(first.unionAll(rest).as('t'))
    .groupBy('kind', 'bucket')
    .havingRaw('SUM(count) > 0')
    .select('kind', 'bucket', db.raw('SUM(count) AS count'));
  const ranked = db
    .from(counted.as('c'))
    .select(
      'kind',
      'bucket',
      'count',
      db.raw('SUM(count) OVER (PARTITION BY kind ORDER BY bucket) AS upto'),
      db.raw('SUM(count) OVER (PARTITION BY kind) AS n'),
    );
  /** A bucket's end, read by the kind's index: the kind's CASE. */
  const end = (name: string, order: 'asc' | 'desc') => {
    const kinds = Object.keys(TIME_KINDS) as TimeKind[];
    return db.raw(
      `CASE r.kind ${kinds.map(() => 'WHEN ? THEN (?)').join(' ')} END AS ??`,
      [
        ...kinds.flatMap(kind => [
          kind,
          inBucket(db, query, key, kind, db.raw('r.bucket'))
            .orderBy([
              { column: TIME_KINDS[kind].value, order },
              { column: 'deployed_at', order: 'desc' },
            ])
            .limit(1),
        ]),
        name,
      ],
    );
  };
  const rows: Row[] = await db
    .from(ranked.as('r'))
    .where(any => {
      for (const { kind, at } of asked) {
        for (const p of at) {
          any.orWhere(near =>
            near
              .where('kind', kind)
              .whereRaw('upto > ? * (n - 1) - 1', [p])
              .whereRaw('upto - count <= ? * (n - 1) + 1', [p]),
          );
        }
      }
    })
    .select('kind', 'bucket', 'count', 'upto', 'n')
    .select(end('first', 'asc'), end('last', 'desc'));
  const counts = new Map<TimeKind, Counted[]>();
  for (const r of rows) {
    const kind = r.kind as TimeKind;
    counts.set(kind, [
      ...(counts.get(kind) ?? []),
      {
        bucket: Number(r.bucket),
        count: Number(r.count),
        upto: Number(r.upto),
        n: Number(r.n),
        first: Number(r.first),
        last: Number(r.last),
      },
    ]);
  }
  return counts;
}

/**
 * `percentiles` of metricsQuery.ts for each kind asked: how many times
 * there are, and the value at each fraction with the same interpolation.
 * Each rank's bucket and its two ends come in one statement; only a
 * bucket of more than one value is read again, at the rank's offset.
 */
async function percentilesOf(
  db: Knex,
  query: MetricsQuery,
  key: string,
  asked: Asked[],
): Promise<Map<TimeKind, Row>> {
  const counts = await bucketsNear(db, query, key, asked);
  const countOf = (kind: TimeKind) => counts.get(kind)?.[0]?.n ?? 0;
  /** Where each rank falls: its bucket and its offset inside it. */
  const place = (kind: TimeKind, rank: number) => {
    for (const counted of counts.get(kind) ?? []) {
      const before = counted.upto - counted.count;
      if (rank >= before && rank < counted.upto) {
        return { counted, offset: rank - before };
      }
    }
    throw new Error(`No ${kind} time ranked ${rank}`);
  };
  const ranks = asked.flatMap(({ kind, at }) => {
    const n = countOf(kind);
    return n
      ? at.flatMap((p, k) => {
          // As percentiles(): each rank within one of p·(n − 1) weighs
          // 1 − its distance.
          const position = p * (n - 1);
          return [...new Set([Math.floor(position), Math.ceil(position)])]
            .map(rank => ({
              kind,
              k,
              rank,
              weight: 1 - Math.abs(rank - position),
            }))
            .filter(r => r.weight > 0)
            .map(r => ({ ...r, ...place(kind, r.rank) }));
        })
      : [];
  });
  const valueAt = async (r: (typeof ranks)[number]): Promise<number> => {
    const { first, last, bucket } = r.counted;
    // A bucket of one value (ties, as deploys on a schedule give).
    if (first === last) return first;
    const { value } = TIME_KINDS[r.kind];
    const [found] = await inBucket(db, query, key, r.kind, bucket)
      .orderBy(value)
      .offset(r.offset)
      .limit(1);
    return Number(found[value]);
  };
  const values = await Promise.all(ranks.map(valueAt));
  const result = new Map<TimeKind, Row>();
  for (const { kind } of asked) result.set(kind, { count: countOf(kind) });
  ranks.forEach((r, i) => {
    const row = result.get(r.kind)!;
    row[`p${r.k}`] = Number(row[`p${r.k}`] ?? 0) + values[i] * r.weight;
  });
  return result;
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
  const [weekRows, times] = await Promise.all([
    weekSums(db, query, key),
    percentilesOf(db, query, key, [
      { kind: 'lead', at: [0.5, 0.9] },
      { kind: 'recovery', at: [0.5] },
    ]),
  ]);
  const [lead, recovery] = [times.get('lead'), times.get('recovery')];
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
    retrospective_due: 0,
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
    add(totals, 'retrospective_due', Number(r.retro_done) + Number(r.overdue));
    add(totals, 'retrospective_on_time', Number(r.retro_on_time));
  }
  return figuresOf(query, query.entityRef, {
    totals,
    weeks,
    lead,
    recovery,
  });
}
