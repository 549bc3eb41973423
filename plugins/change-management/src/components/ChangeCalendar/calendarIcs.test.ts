import ICAL from 'ical.js';
import { calendarIcs } from './calendarIcs';
import {
  calendarOf,
  dbResize,
  holidayFreeze,
  plannedUpgrade,
  refundsHotfix,
} from './calendarFixture';

const changeUrl = (id: string) =>
  `https://backstage.example.com/change-management/changes/${id}`;

/** The file's events, read back by a maintained iCalendar parser. */
function parsedEvents(file: string) {
  const vcalendar = new ICAL.Component(ICAL.parse(file));
  return vcalendar
    .getAllSubcomponents('vevent')
    .map(vevent => new ICAL.Event(vevent));
}

describe('calendarIcs', () => {
  const december = calendarOf({
    from: '2026-11-30T00:00:00.000Z',
    to: '2027-01-04T00:00:00.000Z',
  });

  it('writes the freeze over the new year, in UTC', () => {
    const freeze = parsedEvents(calendarIcs(december, changeUrl)).find(
      e => e.summary === 'Freeze: Holiday freeze',
    );
    expect(freeze).toBeDefined();
    expect(freeze!.startDate.toJSDate().toISOString()).toBe(
      holidayFreeze.start,
    );
    expect(freeze!.endDate.toJSDate().toISOString()).toBe(holidayFreeze.end);
    expect(freeze!.startDate.zone.tzid).toBe('UTC');
  });

  it('writes a blackout and the planned changes with their links, not the deploys', () => {
    const events = parsedEvents(calendarIcs(december, changeUrl));
    expect(events.map(e => e.summary).sort()).toEqual([
      'Blackout: Payments database migration',
      `Change: ${plannedUpgrade.title}`,
      'Freeze: Holiday freeze',
    ]);
    const upgrade = events.find(e => e.uid.startsWith(plannedUpgrade.id))!;
    expect(upgrade.startDate.toJSDate().toISOString()).toBe(
      plannedUpgrade.plannedStart,
    );
    expect(upgrade.component.getFirstPropertyValue('url')).toBe(
      changeUrl(plannedUpgrade.id),
    );
    expect(events.some(e => e.summary.includes(refundsHotfix.title))).toBe(
      false,
    );
  });

  it('names a planned emergency as one', () => {
    const calendar = calendarOf({
      from: '2027-01-01T00:00:00.000Z',
      to: '2027-02-01T00:00:00.000Z',
    });
    calendar.changes = [
      {
        ...dbResize,
        type: 'emergency',
        emergency: true,
        plannedStart: '2027-01-12T08:00:00.000Z',
        plannedEnd: '2027-01-12T10:00:00.000Z',
      },
    ];
    const summaries = parsedEvents(calendarIcs(calendar, changeUrl)).map(
      e => e.summary,
    );
    expect(summaries).toContain(`Emergency change: ${dbResize.title}`);
  });

  it('writes an empty period as a calendar without events', () => {
    const empty = calendarOf({
      from: '2026-06-01T00:00:00.000Z',
      to: '2026-07-01T00:00:00.000Z',
    });
    expect(parsedEvents(calendarIcs(empty, changeUrl))).toEqual([]);
  });
});
