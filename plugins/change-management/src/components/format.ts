import { DateTime } from 'luxon';

/**
 * A time for people, in their own zone, which it names (a team spans
 * zones, and an emergency's 48 hours are exact): "Jun 10, 2026, 9:00 AM UTC".
 */
export function formatTime(iso?: string): string {
  return iso
    ? DateTime.fromISO(iso).toLocaleString({
        ...DateTime.DATETIME_MED,
        timeZoneName: 'short',
      })
    : '—';
}

/** A duration for people: "46 h 12 min", "3 min". */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const hours = Math.floor(minutes / 60);
  return hours ? `${hours} h ${minutes % 60} min` : `${minutes} min`;
}
