import { formatDuration } from '../format';

const PERCENT = new Intl.NumberFormat('en-US', {
  style: 'percent',
  maximumFractionDigits: 1,
});

/** What a figure with nothing to measure says, instead of a misleading 0. */
export const NONE = 'None in this period';

/** A share for people: "25%", or none. */
export function formatShare(share: number | null): string {
  return share === null ? NONE : PERCENT.format(share);
}

/**
 * Hours for people: "45 min", "26 h 30 min", and from two days on "3 d 4 h",
 * or none.
 */
export function formatHours(hours: number | null): string {
  if (hours === null) return NONE;
  const minutes = Math.round(hours * 60);
  if (minutes < 48 * 60) return formatDuration(minutes * 60_000);
  const days = Math.floor(minutes / (24 * 60));
  return `${days} d ${Math.floor((minutes % (24 * 60)) / 60)} h`;
}

/** "1 change", "3 changes". */
export function plural(count: number, noun: string, nouns = `${noun}s`) {
  return `${count} ${count === 1 ? noun : nouns}`;
}
