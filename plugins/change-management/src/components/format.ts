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

/** "draft", "in review", "ready for production" ... */
export function formatState(state: string): string {
  return state.replace(/_/g, ' ');
}
