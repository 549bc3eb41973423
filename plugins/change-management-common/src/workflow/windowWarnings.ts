import { z } from 'zod';
import { DateTime, IANAZone } from 'luxon';
import { Blackout, describeClosure } from '../blackouts';
import { Lockdown, lockdownEnd } from '../lockdowns';
import type { RefusalWindow } from '../errors';
import {
  describeFreezeWindow,
  FreezeCalendar,
  freezeWindowsBetween,
} from '../freeze';
import type { ChangeType } from '../types';
import { closuresHold, PlannedWindow, windowsOverlap } from './plannedWindow';

/**
 * The hours in which changes are planned, from config
 * `changeManagement.workingHours`. None is configured by default, and then
 * no window is outside them.
 *
 * @public
 */
export interface WorkingHours {
  /** IANA zone the hours are read in. */
  timeZone: string;
  /** Luxon weekdays: 1 is Monday, 7 is Sunday. */
  days: number[];
  /** `HH:mm`, inclusive. */
  start: string;
  /** `HH:mm`, the end of the working day; after `start`. */
  end: string;
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

const minutesOf = (value: string) => {
  const match = HH_MM.exec(value);
  return match ? +match[1] * 60 + +match[2] : undefined;
};

/**
 * Checks working hours and throws an error naming what is wrong; call it
 * once when reading config.
 *
 * @public
 */
export function validateWorkingHours(hours: WorkingHours): void {
  if (!IANAZone.isValidZone(hours.timeZone)) {
    throw new Error(
      `Working hours time zone '${hours.timeZone}' is not an IANA zone such as UTC or Europe/London`,
    );
  }
  if (
    !hours.days.length ||
    hours.days.some(d => ![1, 2, 3, 4, 5, 6, 7].includes(d))
  ) {
    throw new Error(
      'Working hours days must be weekdays from 1 (Monday) to 7 (Sunday)',
    );
  }
  const start = minutesOf(hours.start);
  const end = minutesOf(hours.end);
  if (start === undefined || end === undefined || end <= start) {
    throw new Error(
      `Working hours ${hours.start} to ${hours.end} must be HH:mm times, the end after the start`,
    );
  }
}

/**
 * Whether a window lies wholly inside one working day's hours, in the
 * hours' zone: it starts on a working day at or after the day's start and
 * ends by the same day's end.
 *
 * @public
 */
export function withinWorkingHours(
  window: PlannedWindow,
  hours: WorkingHours,
): boolean {
  const start = DateTime.fromISO(window.plannedStart, { zone: hours.timeZone });
  const end = DateTime.fromISO(window.plannedEnd, { zone: hours.timeZone });
  const dayStart = start
    .startOf('day')
    .plus({ minutes: minutesOf(hours.start) });
  const dayEnd = start.startOf('day').plus({ minutes: minutesOf(hours.end) });
  return (
    hours.days.includes(start.weekday) && dayStart <= start && end <= dayEnd
  );
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Working hours in words: "Mon, Tue, Wed, Thu, Fri 09:00 to 17:00 (UTC)". */
export function describeWorkingHours(hours: WorkingHours): string {
  const days = [...hours.days].sort().map(d => WEEKDAYS[d - 1]);
  return `${days.join(', ')} ${hours.start} to ${hours.end} (${
    hours.timeZone
  })`;
}

/**
 * A freeze or blackout window, as the calendar shades it and the conflicts
 * and warnings name it.
 *
 * @public
 */
export interface ClosureWindow {
  kind: 'freeze' | 'blackout' | 'lockdown';
  /** ISO time, inclusive. */
  start: string;
  /** ISO time, exclusive. */
  end: string;
  title: string;
  /** A blackout's System or Domain. */
  entityRef?: string;
}

/**
 * The freeze occurrences and the blackouts that overlap [from, to), freeze
 * first, each oldest first. `blackouts` are those of the entities meant
 * (BlackoutCalendar reads them from the catalog).
 *
 * @public
 */
export function closuresBetween(
  from: Date,
  to: Date,
  options: {
    freeze: FreezeCalendar;
    blackouts: Blackout[];
    /** Issue 24: the CTO's lockdowns over the entities meant. */
    lockdowns?: Lockdown[];
  },
): ClosureWindow[] {
  const range = { start: from.toISOString(), end: to.toISOString() };
  const { timeZone } = options.freeze;
  return [
    ...freezeWindowsBetween(from, to, options.freeze).map(w => ({
      kind: 'freeze' as const,
      ...w,
      title: `Freeze ${describeFreezeWindow(w, timeZone)}`,
    })),
    ...options.blackouts
      .filter(b => windowsOverlap(b, range))
      .sort((a, b) => Date.parse(a.start) - Date.parse(b.start))
      .map(b => ({
        kind: 'blackout' as const,
        start: b.start,
        end: b.end,
        title: `Blackout: ${b.reason}`,
        entityRef: b.entityRef,
      })),
    ...(options.lockdowns ?? [])
      .map(l => ({ lockdown: l, end: lockdownEnd(l) }))
      .filter(({ lockdown, end }) =>
        windowsOverlap({ start: lockdown.start, end }, range),
      )
      .sort(
        (a, b) => Date.parse(a.lockdown.start) - Date.parse(b.lockdown.start),
      )
      .map(({ lockdown, end }) => ({
        kind: 'lockdown' as const,
        start: lockdown.start,
        end,
        title: `Lockdown: ${lockdown.reason}`,
        ...(lockdown.entityRef && { entityRef: lockdown.entityRef }),
      })),
  ];
}

/**
 * The freeze and blackout windows that hold back a change of this type
 * planned in this window: none for an emergency (closuresHold).
 *
 * @public
 */
export function closuresHolding(
  window: PlannedWindow,
  type: ChangeType,
  options: { freeze: FreezeCalendar; blackouts: Blackout[] },
): (ClosureWindow & { kind: 'freeze' | 'blackout' })[] {
  if (!closuresHold(type)) {
    return [];
  }
  // Without lockdowns, only the freeze and blackouts are asked for.
  return closuresBetween(
    new Date(window.plannedStart),
    new Date(window.plannedEnd),
    options,
  ).filter(
    (w): w is ClosureWindow & { kind: 'freeze' | 'blackout' } =>
      w.kind !== 'lockdown',
  );
}

/** A warning on a planned window; it never refuses the draft. @public */
export const windowWarningSchema = z
  .object({
    reason: z.enum(['freeze', 'blackout', 'outside-working-hours']),
    message: z.string().describe('The warning in a sentence.'),
  })
  .strict();

/** @public */
export type WindowWarning = z.infer<typeof windowWarningSchema>;

/** Why a planned window is worth a second look. @public */
export type WindowWarningReason = WindowWarning['reason'];

/**
 * What the raise and edit forms warn of a planned window: a standard or
 * infrastructure change planned in the freeze or a blackout of its
 * entities (it could not deploy then), and any change planned outside the
 * configured working hours. A warning never refuses the draft.
 *
 * @public
 */
export function windowWarnings(options: {
  window: PlannedWindow;
  type: ChangeType;
  freeze: FreezeCalendar;
  /** The blackouts of the change's entities, their Systems and Domains. */
  blackouts: Blackout[];
  workingHours?: WorkingHours;
}): WindowWarning[] {
  const { window, type, freeze, workingHours } = options;
  const closed = (reason: WindowWarningReason, closure: RefusalWindow) => ({
    reason,
    message: `The planned window falls while production is ${describeClosure(
      closure,
    )}: a ${type} change may not deploy then`,
  });
  const warnings: WindowWarning[] = [];
  if (closuresHold(type)) {
    const from = new Date(window.plannedStart);
    const to = new Date(window.plannedEnd);
    const range = { start: window.plannedStart, end: window.plannedEnd };
    for (const w of freezeWindowsBetween(from, to, freeze)) {
      warnings.push(closed('freeze', { ...w, timeZone: freeze.timeZone }));
    }
    for (const b of options.blackouts.filter(x => windowsOverlap(x, range))) {
      warnings.push(closed('blackout', { ...b, timeZone: 'UTC' }));
    }
  }
  if (workingHours && !withinWorkingHours(window, workingHours)) {
    warnings.push({
      reason: 'outside-working-hours',
      message: `The planned window is outside working hours, ${describeWorkingHours(
        workingHours,
      )}`,
    });
  }
  return warnings;
}
