/** Where a score is heading. */
export type Trend = 'rising' | 'falling' | 'steady';

/**
 * The score's direction over the period: the later half of its weeks
 * against the earlier half (the middle week of an odd count left out).
 */
export function scoreTrend(perWeek: { score: number }[]): Trend {
  const half = Math.floor(perWeek.length / 2);
  const sum = (weeks: { score: number }[]) =>
    weeks.reduce((total, week) => total + week.score, 0);
  const earlier = sum(perWeek.slice(0, half));
  const later = sum(perWeek.slice(perWeek.length - half));
  if (later > earlier) return 'rising';
  if (later < earlier) return 'falling';
  return 'steady';
}
