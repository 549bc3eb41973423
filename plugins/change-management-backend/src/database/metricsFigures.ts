import {
  changeFailureRate,
  CHANGE_TYPES,
  EntityMetrics,
  periodWeeks,
} from '@trove/backstage-plugin-change-management-common';
import type { MetricsPeriodQuery } from './metricsQuery';

// The figures of GET /metrics as metricsQuery.ts's aggregates give them
// for one scope key: sums arrive as strings from PostgreSQL, and a key
// with nothing deployed has no rows at all.

/** A row of the aggregates, as the driver gives it. */
export type Row = Record<string, unknown>;
/** PostgreSQL sums in bigint or numeric, which arrive as strings. */
const num = (value: unknown): number => Number(value ?? 0);
const orNull = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);
const ofType = (row: Row | undefined) =>
  Object.fromEntries(
    CHANGE_TYPES.map(type => [type, num(row?.[type])]),
  ) as EntityMetrics['deployments']['byType'];

/** The aggregates of one scope key, as the four queries gave them. */
export interface KeyRows {
  totals?: Row;
  weeks: Map<string, Row>;
  lead?: Row;
  recovery?: Row;
}

/** One key's figures from its rows: zeros and nulls where it has none. */
export function figuresOf(
  query: MetricsPeriodQuery,
  entityRef: string,
  rows: KeyRows,
): EntityMetrics {
  const { totals, lead, recovery } = rows;
  const total = num(totals?.total);
  const failed = num(totals?.failed);
  const byType = ofType(totals);
  const perWeek = periodWeeks(query.from, query.to).map(weekStart => ({
    weekStart,
    row: rows.weeks.get(weekStart),
  }));
  return {
    entityRef,
    from: query.from.toISOString(),
    to: query.to.toISOString(),
    deployments: {
      total,
      byType,
      perWeek: perWeek.map(({ weekStart, row }) => ({
        weekStart,
        ...ofType(row),
      })),
    },
    leadTimeHours: {
      count: num(lead?.count),
      median: orNull(lead?.p0),
      p90: orNull(lead?.p1),
    },
    changeFailureRate: {
      deployed: total,
      failed,
      rate: changeFailureRate(failed, total) ?? null,
    },
    recoveryHours: {
      count: num(recovery?.count),
      median: orNull(recovery?.p0),
    },
    emergencies: {
      count: byType.emergency,
      share: total ? byType.emergency / total : null,
      retrospectives: {
        due: num(totals?.retrospective_due),
        onTime: num(totals?.retrospective_on_time),
      },
    },
    score: {
      total: num(totals?.score),
      perWeek: perWeek.map(({ weekStart, row }) => ({
        weekStart,
        score: num(row?.score),
      })),
    },
  };
}
