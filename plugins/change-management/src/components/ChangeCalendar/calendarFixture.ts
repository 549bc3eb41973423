import { Calendar } from '@trove/backstage-plugin-change-management-common';
import { CalendarRequest } from '../../api';
import { CalendarChange, CalendarWindow } from './calendarItems';

// A holiday freeze over the new year, a blackout, and changes in December
// and January, as GET /calendar answers them. The windows run from local
// midnights, as a freeze in the viewer's own zone would, so that the days
// they hatch are the same in any zone the tests run in.

const localMidnight = (year: number, month: number, day: number) =>
  new Date(year, month - 1, day).toISOString();

export const holidayFreeze: CalendarWindow = {
  kind: 'freeze',
  start: localMidnight(2026, 12, 15),
  end: localMidnight(2027, 1, 6),
  title: 'Freeze: Holiday freeze',
};

export const dbBlackout: CalendarWindow = {
  kind: 'blackout',
  start: localMidnight(2026, 12, 8),
  end: localMidnight(2026, 12, 9),
  title: 'Blackout: Payments database migration',
  entityRef: 'system:default/payments',
};

export const plannedUpgrade: CalendarChange = {
  id: '11111111-0000-4000-8000-000000000001',
  title: 'Upgrade payments-service to Node 24',
  type: 'standard',
  state: 'approved',
  entityRefs: ['component:default/payments-service'],
  plannedStart: '2026-12-03T10:00:00.000Z',
  plannedEnd: '2026-12-03T12:00:00.000Z',
  emergency: false,
};

export const refundsHotfix: CalendarChange = {
  id: '22222222-0000-4000-8000-000000000002',
  title: 'Hotfix: refunds failing with 500',
  type: 'emergency',
  state: 'deployed',
  entityRefs: ['component:default/payments-service'],
  deployedAt: '2026-12-18T14:30:00.000Z',
  emergency: true,
};

export const dbResize: CalendarChange = {
  id: '33333333-0000-4000-8000-000000000003',
  title: 'Resize payments-db',
  type: 'infrastructure',
  state: 'deployed',
  entityRefs: ['resource:default/payments-db'],
  deployedAt: '2027-01-12T09:00:00.000Z',
  emergency: false,
};

const all: Pick<Calendar, 'windows' | 'changes'> = {
  windows: [holidayFreeze, dbBlackout],
  changes: [plannedUpgrade, refundsHotfix, dbResize],
};

const overlaps = (start: string, end: string, from: Date, to: Date) =>
  new Date(start) < to && new Date(end) >= from;

/**
 * The server's answer over the fixture: what touches [from, to), of the
 * type asked for.
 */
export function calendarOf(query: CalendarRequest): Calendar {
  const from = new Date(query.from);
  const to = new Date(query.to);
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    windows: all.windows.filter(w => overlaps(w.start, w.end, from, to)),
    changes: all.changes.filter(
      c =>
        (!query.type || c.type === query.type) &&
        ((c.plannedStart &&
          c.plannedEnd &&
          overlaps(c.plannedStart, c.plannedEnd, from, to)) ||
          (c.deployedAt && overlaps(c.deployedAt, c.deployedAt, from, to))),
    ),
  };
}
