import { DateTime } from 'luxon';
import { windowsOverlap } from './plannedWindow';
import { WorkingHours } from './windowWarnings';

/** A busy interval, [start, end) in epoch milliseconds. @public */
export interface BusyInterval {
  start: number;
  end: number;
}

const minutesOf = (hhmm: string) => {
  const [hours, minutes] = hhmm.split(':').map(Number);
  return hours * 60 + minutes;
};

/**
 * The earliest start at or after `at` from which `durationMs` fits inside
 * one working day, or undefined when no working day is long enough.
 */
function nextWorkingStart(
  at: number,
  durationMs: number,
  hours: WorkingHours,
): number | undefined {
  const day = DateTime.fromMillis(at, { zone: hours.timeZone }).startOf('day');
  // A week holds every working day once.
  for (let offset = 0; offset <= 7; offset++) {
    const date = day.plus({ days: offset });
    if (!hours.days.includes(date.weekday)) continue;
    const opens = date.plus({ minutes: minutesOf(hours.start) }).toMillis();
    const closes = date.plus({ minutes: minutesOf(hours.end) }).toMillis();
    const start = Math.max(at, opens);
    if (start + durationMs <= closes) return start;
  }
  return undefined;
}

/**
 * The next free slot: the earliest window of `durationMs` starting at or
 * after `earliest`, and no later than `latestStart`, that overlaps no busy
 * interval (half-open: it may start as one ends) and, with working hours,
 * lies inside one working day. Undefined when there is none.
 *
 * @public
 */
export function nextFreeSlot(options: {
  earliest: number;
  latestStart: number;
  durationMs: number;
  busy: BusyInterval[];
  workingHours?: WorkingHours;
}): BusyInterval | undefined {
  const { latestStart, durationMs, busy, workingHours } = options;
  let start: number | undefined = options.earliest;
  while (start !== undefined && start <= latestStart) {
    if (workingHours) {
      start = nextWorkingStart(start, durationMs, workingHours);
      if (start === undefined || start > latestStart) return undefined;
    }
    const candidate = { start, end: start + durationMs };
    const blocking = busy.filter(b => windowsOverlap(b, candidate));
    if (blocking.length === 0) return candidate;
    start = Math.max(...blocking.map(b => b.end));
  }
  return undefined;
}
