import { DateTime } from 'luxon';

// A planned window is typed in a datetime-local input, in the user's own
// zone, and sent as an ISO time with that zone's offset: the server reads
// the instant and answers in UTC (docs/api.md, "Planned windows").

/** An ISO time as a datetime-local input shows it, in the user's zone. */
export function toLocalInput(iso?: string): string {
  return iso ? DateTime.fromISO(iso).toFormat("yyyy-MM-dd'T'HH:mm") : '';
}

/**
 * A datetime-local input's value as an ISO time with the user's offset,
 * e.g. `2026-06-10T09:00:00+02:00`; undefined when it is empty.
 */
export function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined;
  const time = DateTime.fromISO(value);
  // Sent as typed when it is no time: the server names the field at fault.
  return time.isValid ? time.toISO({ suppressMilliseconds: true })! : value;
}

/** The user's zone, as the inputs' hint names it. */
export function localZone(): string {
  return DateTime.local().zoneName ?? 'your time zone';
}
