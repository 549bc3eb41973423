/**
 * Timestamps come back as Date objects from PostgreSQL and as epoch
 * milliseconds from SQLite; this is the one place that evens that out.
 */
export function toIso(value: unknown): string;
export function toIso(value: unknown | null | undefined): string | undefined;
export function toIso(value: unknown): string | undefined {
  if (value === null || value === undefined) {
    return undefined;
  }
  if (value instanceof Date) {
    return value.toISOString();
  }
  if (typeof value === 'number') {
    return new Date(value).toISOString();
  }
  if (typeof value === 'string') {
    // SQLite may hand back a numeric string, PostgreSQL text a timestamp.
    const asNumber = Number(value);
    return new Date(Number.isFinite(asNumber) ? asNumber : value).toISOString();
  }
  throw new TypeError(`Unexpected timestamp value ${String(value)}`);
}

export function toDate(iso: string | undefined): Date | null {
  return iso ? new Date(iso) : null;
}
