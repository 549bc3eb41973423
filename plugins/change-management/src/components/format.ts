import { DateTime } from 'luxon';

/** A time for people, in their own zone: "Jun 10, 2026, 9:00 AM". */
export function formatTime(iso?: string): string {
  return iso
    ? DateTime.fromISO(iso).toLocaleString(DateTime.DATETIME_MED)
    : '—';
}

/** "draft", "in review", "ready for production" ... */
export function formatState(state: string): string {
  return state.replace(/_/g, ' ');
}
