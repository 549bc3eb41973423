import { DateTime, DurationLike } from 'luxon';

/** The periods the metrics offer, shortest first. */
export const PERIODS = [
  { key: '30d', label: '30 days', length: { days: 30 } },
  { key: '90d', label: '90 days', length: { days: 90 } },
  { key: '1y', label: 'A year', length: { years: 1 } },
] as const satisfies readonly {
  key: string;
  label: string;
  length: DurationLike;
}[];

/** A period by its key. */
export type MetricsPeriod = (typeof PERIODS)[number]['key'];

/**
 * The period [from, to) as ISO times, ending at the start of tomorrow
 * (UTC): today counts whole, and asking again the same day sends the same
 * request.
 */
export function periodOf(
  key: MetricsPeriod,
  now: DateTime = DateTime.now(),
): { from: string; to: string } {
  const { length } = PERIODS.find(p => p.key === key)!;
  const to = now.toUTC().startOf('day').plus({ days: 1 });
  return { from: to.minus(length).toISO()!, to: to.toISO()! };
}
