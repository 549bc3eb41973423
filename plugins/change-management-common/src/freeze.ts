import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';
import { isoTime } from './fields';

/**
 * A yearly freeze window: from `start` (inclusive) to `end` (exclusive),
 * both month-day `MM-DD` in the calendar's time zone. When `end` is not
 * after `start` the window spans the new year, like the SOP's October 1 to
 * January 1.
 *
 * @public
 */
export interface FreezeWindowConfig {
  start: string;
  end: string;
}

/** @public */
export interface FreezeCalendar {
  windows: FreezeWindowConfig[];
  /** IANA zone, e.g. `Europe/London`. */
  timeZone: string;
}

/** A concrete occurrence of a window. @public */
export type FreezeWindow = {
  /** ISO time, inclusive. */
  start: string;
  /** ISO time, exclusive. */
  end: string;
};

/** A concrete occurrence of a freeze window, on the wire. @public */
export const freezeWindowSchema = z
  .object({
    start: isoTime('Inclusive, midnight in the calendar time zone.'),
    end: isoTime('Exclusive, midnight in the calendar time zone.'),
  })
  .strict() satisfies z.ZodType<FreezeWindow>;

/** The SOP's peak-season freeze: October 1 to January 1, UTC. @public */
export const DEFAULT_FREEZE_CALENDAR: FreezeCalendar = {
  windows: [{ start: '10-01', end: '01-01' }],
  timeZone: 'UTC',
};

const MONTH_DAY = /^(\d{2})-(\d{2})$/;

function parseMonthDay(value: string): { month: number; day: number } {
  const match = MONTH_DAY.exec(value);
  // 2001 is not a leap year, so 02-29 is refused: a window must exist yearly.
  const probe = match
    ? DateTime.fromObject({ year: 2001, month: +match[1], day: +match[2] })
    : undefined;
  if (!match || !probe?.isValid) {
    throw new Error(
      `Freeze window date '${value}' is not a month-day like 10-01 that occurs every year`,
    );
  }
  return { month: +match[1], day: +match[2] };
}

/**
 * Checks a calendar and throws an error naming what is wrong; call it once
 * when reading config.
 *
 * @public
 */
export function validateFreezeCalendar(calendar: FreezeCalendar): void {
  if (!IANAZone.isValidZone(calendar.timeZone)) {
    throw new Error(
      `Freeze time zone '${calendar.timeZone}' is not an IANA zone such as UTC or Europe/London`,
    );
  }
  for (const window of calendar.windows) {
    const start = parseMonthDay(window.start);
    const end = parseMonthDay(window.end);
    if (start.month === end.month && start.day === end.day) {
      throw new Error(
        `Freeze window ${window.start} to ${window.end} is empty; the end is exclusive`,
      );
    }
  }
}

function occurrence(
  window: FreezeWindowConfig,
  startYear: number,
  zone: string,
): { start: DateTime; end: DateTime } {
  const s = parseMonthDay(window.start);
  const e = parseMonthDay(window.end);
  const spansNewYear =
    e.month < s.month || (e.month === s.month && e.day < s.day);
  return {
    start: DateTime.fromObject({ year: startYear, ...s }, { zone }),
    end: DateTime.fromObject(
      { year: spansNewYear ? startYear + 1 : startYear, ...e },
      { zone },
    ),
  };
}

/**
 * The freeze window that contains `at`, if any. Start and end are midnight
 * in the calendar's zone, so daylight-saving changes inside a window move
 * nothing.
 *
 * @public
 */
export function findFreezeWindow(
  at: Date,
  calendar: FreezeCalendar,
): FreezeWindow | undefined {
  const t = DateTime.fromJSDate(at, { zone: calendar.timeZone });
  for (const window of calendar.windows) {
    // A window that contains t started this year or, spanning the new year,
    // last year.
    for (const year of [t.year - 1, t.year]) {
      const { start, end } = occurrence(window, year, calendar.timeZone);
      if (start <= t && t < end) {
        return { start: start.toISO()!, end: end.toISO()! };
      }
    }
  }
  return undefined;
}

const day = (iso: string, timeZone: string) =>
  DateTime.fromISO(iso, { zone: timeZone }).toISODate()!;

/**
 * A window as people read it, with its last frozen day, e.g. "2026-10-01 to
 * 2026-12-31 (UTC)": the end is exclusive, and "to 2027-01-01" would read as
 * if the 1st were frozen.
 *
 * @public
 */
export function describeFreezeWindow(
  window: FreezeWindow,
  timeZone: string,
): string {
  const last = DateTime.fromISO(window.end, { zone: timeZone })
    .minus({ days: 1 })
    .toISODate();
  return `${day(window.start, timeZone)} to ${last} (${timeZone})`;
}

/**
 * When production reopens after a window, in the window's zone: its
 * exclusive end, as a day ("2027-01-01"), with the time when that is not
 * midnight ("2026-06-02 12:00").
 *
 * @public
 */
export function reopensOn(window: FreezeWindow, timeZone: string): string {
  const end = DateTime.fromISO(window.end, { zone: timeZone });
  return end.hour || end.minute
    ? end.toFormat('yyyy-LL-dd HH:mm')
    : end.toISODate()!;
}

/**
 * Every occurrence of the calendar's windows that overlaps [from, to),
 * oldest first: one per window for each year the range touches, and the
 * one that began the year before and spans the new year into it.
 *
 * @public
 */
export function freezeWindowsBetween(
  from: Date,
  to: Date,
  calendar: FreezeCalendar,
): FreezeWindow[] {
  const zone = calendar.timeZone;
  const first = DateTime.fromJSDate(from, { zone }).year - 1;
  const last = DateTime.fromJSDate(to, { zone }).year;
  const found: FreezeWindow[] = [];
  for (let year = first; year <= last; year++) {
    for (const window of calendar.windows) {
      const { start, end } = occurrence(window, year, zone);
      if (start.toMillis() < to.getTime() && from.getTime() < end.toMillis()) {
        found.push({ start: start.toISO()!, end: end.toISO()! });
      }
    }
  }
  return found.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
}
