import { createEvents, EventAttributes } from 'ics';
import {
  Calendar,
  STATE_LABELS,
  TYPE_LABELS,
} from '@trove/backstage-plugin-change-management-common';
import { windowTitle } from './calendarItems';

/** A period as the server sent it, kept in UTC in the file. */
function period(start: string, end: string) {
  return {
    start: new Date(start).getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: new Date(end).getTime(),
    endInputType: 'utc',
    endOutputType: 'utc',
  } as const;
}

/**
 * The freeze and blackout windows and the planned changes of a calendar
 * answer, as an iCalendar file (RFC 5545) for people's own calendars. The
 * UIDs are stable, so a second download updates the events it added.
 * Deploys are history, not plans, and stay out.
 */
export function calendarIcs(
  calendar: Calendar,
  changeUrl: (id: string) => string,
): string {
  const windows: EventAttributes[] = calendar.windows.map(w => ({
    ...period(w.start, w.end),
    uid: `${w.kind}-${w.start}-${w.entityRef ?? 'all'}@change-management`,
    title: windowTitle(w),
    description: w.entityRef ? `Applies to ${w.entityRef}` : undefined,
    categories: [w.kind === 'freeze' ? 'Freeze' : 'Blackout'],
    // A window blocks deploys, not the people reading it.
    transp: 'TRANSPARENT',
    busyStatus: 'FREE',
  }));
  const planned: EventAttributes[] = calendar.changes.flatMap(c =>
    c.plannedStart && c.plannedEnd
      ? [
          {
            ...period(c.plannedStart, c.plannedEnd),
            uid: `${c.id}@change-management`,
            title: `${c.emergency ? 'Emergency change' : 'Change'}: ${c.title}`,
            description: `${TYPE_LABELS[c.type]} change, ${
              STATE_LABELS[c.state]
            }. Affects ${c.entityRefs.join(', ')}.`,
            url: changeUrl(c.id),
            categories: [TYPE_LABELS[c.type]],
          },
        ]
      : [],
  );
  const { error, value } = createEvents([...windows, ...planned], {
    productId: 'backstage-change-management',
    calName: 'Change calendar',
  });
  if (error || value === null) {
    throw error ?? new Error('The calendar file could not be written');
  }
  return value;
}
