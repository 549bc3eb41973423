import { DateTime } from 'luxon';
import { Calendar } from '@trove/backstage-plugin-change-management-common';

/** A freeze or blackout of a calendar answer. */
export type CalendarWindow = Calendar['windows'][number];

/** A change of a calendar answer. */
export type CalendarChange = Calendar['changes'][number];

/** A freeze or blackout, as a bar over its days and as shading. */
export type WindowItem = {
  kind: 'window';
  window: CalendarWindow;
  title: string;
  start: Date;
  end: Date;
  allDay: true;
};

/** A change at its planned window, or at its production deploy. */
export type ChangeItem = {
  kind: 'planned' | 'deployed';
  change: CalendarChange;
  title: string;
  start: Date;
  end: Date;
  allDay: false;
};

/** What the calendar draws: react-big-calendar's events. */
export type CalendarItem = WindowItem | ChangeItem;

/**
 * A window as the calendar and the .ics name it: the server's words, which
 * say what it is ("Freeze 2026-10-01 to 2026-12-31 (UTC)", "Blackout: …").
 */
export function windowTitle(window: CalendarWindow): string {
  return window.title;
}

/** The windows of a calendar answer, as all-day bars. */
export function windowItems(calendar: Calendar): WindowItem[] {
  return calendar.windows.map(window => ({
    kind: 'window',
    window,
    title: windowTitle(window),
    start: new Date(window.start),
    end: new Date(window.end),
    allDay: true,
  }));
}

/**
 * The changes of a calendar answer: each planned window, and each
 * production deploy at its moment. A change both planned and deployed is
 * shown twice, as it was meant and as it happened.
 */
export function changeItems(calendar: Calendar): ChangeItem[] {
  return calendar.changes.flatMap(change => {
    const items: ChangeItem[] = [];
    if (change.plannedStart && change.plannedEnd) {
      items.push({
        kind: 'planned',
        change,
        title: `Planned: ${change.title}`,
        start: new Date(change.plannedStart),
        end: new Date(change.plannedEnd),
        allDay: false,
      });
    }
    if (change.deployedAt) {
      const at = new Date(change.deployedAt);
      items.push({
        kind: 'deployed',
        change,
        title: `Deployed: ${change.title}`,
        start: at,
        end: at,
        allDay: false,
      });
    }
    return items;
  });
}

/** The windows that touch the day [start, end), for its shading. */
export function windowsOn(
  windows: WindowItem[],
  start: Date,
  end: Date,
): WindowItem[] {
  return windows.filter(w => w.start < end && w.end > start);
}

const DAY = { month: 'short', day: 'numeric' } as const;

/** "Dec 15 – Jan 5" (whole days), or with times when it is not whole days. */
function spanLabel(start: Date, end: Date): string {
  const from = DateTime.fromJSDate(start);
  const to = DateTime.fromJSDate(end);
  const wholeDays =
    +from.startOf('day') === +from && +to.startOf('day') === +to;
  return wholeDays
    ? `${from.toLocaleString(DAY)} – ${to
        .minus({ days: 1 })
        .toLocaleString(DAY)}`
    : `${from.toLocaleString(DateTime.DATETIME_MED)} – ${to.toLocaleString(
        DateTime.DATETIME_MED,
      )}`;
}

/**
 * The windows as the agenda lists them: once each, on the first day of the
 * period it shows, with their span in words. (The agenda would list a
 * window on every day it covers: a freeze of three months, ninety times.)
 */
export function agendaWindowItems(
  windows: WindowItem[],
  from: Date,
): WindowItem[] {
  return windows.map(item => {
    const start = item.start > from ? item.start : from;
    return {
      ...item,
      title: `${item.title} (${spanLabel(item.start, item.end)})`,
      start,
      end: DateTime.fromJSDate(start)
        .plus({ days: 1 })
        .startOf('day')
        .toJSDate(),
    };
  });
}
