import { DateTime } from 'luxon';

/** The views the calendar offers, as react-big-calendar names them. */
export type CalendarView = 'month' | 'week' | 'agenda';

/** How many days the agenda lists from its date. */
export const AGENDA_DAYS = 30;

/**
 * The period a view shows around a date, [from, to), in the browser's zone:
 * a month's whole weeks (Monday first, as luxon and the localizer count
 * them), a week, or the agenda's days. The calendar asks the server for
 * exactly this period, once each time it changes.
 */
export function shownRange(
  view: CalendarView,
  date: Date,
): { from: Date; to: Date } {
  const day = DateTime.fromJSDate(date).startOf('day');
  if (view === 'month') {
    const from = day.startOf('month').startOf('week');
    const to = day.endOf('month').endOf('week').plus({ milliseconds: 1 });
    return { from: from.toJSDate(), to: to.toJSDate() };
  }
  if (view === 'week') {
    const from = day.startOf('week');
    return { from: from.toJSDate(), to: from.plus({ weeks: 1 }).toJSDate() };
  }
  return {
    from: day.toJSDate(),
    to: day.plus({ days: AGENDA_DAYS }).toJSDate(),
  };
}
