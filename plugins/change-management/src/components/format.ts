import { timeLabel } from '@trove/backstage-plugin-change-management-common';

/** A time for people, in their own zone, which it names (timeLabel). */
export function formatTime(iso?: string): string {
  return iso ? timeLabel(iso) : '—';
}

/** A duration for people: "46 h 12 min", "3 min". */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const hours = Math.floor(minutes / 60);
  return hours ? `${hours} h ${minutes % 60} min` : `${minutes} min`;
}
