import {
  DEFAULT_FREEZE_CALENDAR,
  describeFreezeWindow,
  findFreezeWindow,
  reopensOn,
  validateFreezeCalendar,
} from './freeze';

const at = (iso: string) => new Date(iso);

describe('findFreezeWindow with the default calendar (10-01 to 01-01, UTC)', () => {
  it('is open until the last millisecond of September 30', () => {
    expect(
      findFreezeWindow(at('2026-09-30T23:59:59.999Z'), DEFAULT_FREEZE_CALENDAR),
    ).toBeUndefined();
  });

  it('is frozen from October 1 00:00 and throughout the window', () => {
    for (const iso of [
      '2026-10-01T00:00:00.000Z',
      '2026-11-25T12:00:00.000Z',
      '2026-12-31T23:59:59.999Z',
    ]) {
      expect(findFreezeWindow(at(iso), DEFAULT_FREEZE_CALENDAR)).toEqual({
        start: '2026-10-01T00:00:00.000Z',
        end: '2027-01-01T00:00:00.000Z',
      });
    }
  });

  it('is open again at January 1 00:00, the exclusive end', () => {
    expect(
      findFreezeWindow(at('2027-01-01T00:00:00.000Z'), DEFAULT_FREEZE_CALENDAR),
    ).toBeUndefined();
  });
});

describe('findFreezeWindow in a zone with a DST change inside the window', () => {
  // New York leaves daylight saving on the first Sunday of November.
  const calendar = {
    windows: [{ start: '10-01', end: '01-01' }],
    timeZone: 'America/New_York',
  };

  it('starts at local midnight on October 1 (EDT, UTC-4)', () => {
    expect(
      findFreezeWindow(at('2026-10-01T03:59:59.999Z'), calendar),
    ).toBeUndefined();
    expect(findFreezeWindow(at('2026-10-01T04:00:00.000Z'), calendar)).toEqual({
      start: '2026-10-01T00:00:00.000-04:00',
      end: '2027-01-01T00:00:00.000-05:00',
    });
  });

  it('ends at local midnight on January 1 (EST, UTC-5)', () => {
    expect(
      findFreezeWindow(at('2027-01-01T04:59:59.999Z'), calendar),
    ).toBeDefined();
    expect(
      findFreezeWindow(at('2027-01-01T05:00:00.000Z'), calendar),
    ).toBeUndefined();
  });

  it('stays frozen across the DST change itself', () => {
    expect(
      findFreezeWindow(at('2026-11-01T05:30:00.000Z'), calendar),
    ).toBeDefined();
    expect(
      findFreezeWindow(at('2026-11-01T06:30:00.000Z'), calendar),
    ).toBeDefined();
  });
});

describe('several windows in one year', () => {
  const calendar = {
    windows: [
      { start: '03-15', end: '03-20' },
      { start: '12-20', end: '01-05' },
    ],
    timeZone: 'UTC',
  };

  it('finds whichever window applies, including one spanning the new year', () => {
    expect(findFreezeWindow(at('2026-03-16T00:00:00Z'), calendar)?.start).toBe(
      '2026-03-15T00:00:00.000Z',
    );
    expect(findFreezeWindow(at('2027-01-04T23:00:00Z'), calendar)?.start).toBe(
      '2026-12-20T00:00:00.000Z',
    );
    expect(
      findFreezeWindow(at('2026-06-01T00:00:00Z'), calendar),
    ).toBeUndefined();
  });
});

describe('validateFreezeCalendar', () => {
  it('accepts the default', () => {
    expect(() => validateFreezeCalendar(DEFAULT_FREEZE_CALENDAR)).not.toThrow();
  });

  it.each([
    [
      { windows: [{ start: '10-01', end: '01-01' }], timeZone: 'Mars/Olympus' },
      /IANA/,
    ],
    [
      { windows: [{ start: '1-10', end: '01-01' }], timeZone: 'UTC' },
      /month-day/,
    ],
    [
      { windows: [{ start: '02-29', end: '03-01' }], timeZone: 'UTC' },
      /every year/,
    ],
    [
      { windows: [{ start: '13-01', end: '01-01' }], timeZone: 'UTC' },
      /month-day/,
    ],
    [{ windows: [{ start: '05-05', end: '05-05' }], timeZone: 'UTC' }, /empty/],
  ])('refuses %j', (calendar, message) => {
    expect(() => validateFreezeCalendar(calendar)).toThrow(message);
  });
});

describe('describeFreezeWindow', () => {
  it('names the days in the zone', () => {
    expect(
      describeFreezeWindow(
        { start: '2026-10-01T00:00:00.000Z', end: '2027-01-01T00:00:00.000Z' },
        'UTC',
      ),
    ).toBe('2026-10-01 to 2026-12-31 (UTC)');
  });

  it('names the last frozen day in the zone, not the exclusive end', () => {
    expect(
      describeFreezeWindow(
        {
          start: '2026-09-30T11:00:00.000Z',
          end: '2026-12-31T11:00:00.000Z',
        },
        'Pacific/Auckland',
      ),
    ).toBe('2026-10-01 to 2026-12-31 (Pacific/Auckland)');
  });
});

describe('reopensOn', () => {
  it('is the exclusive end, as a day in the zone', () => {
    const window = {
      start: '2026-09-30T11:00:00.000Z',
      end: '2026-12-31T11:00:00.000Z',
    };
    expect(reopensOn(window, 'Pacific/Auckland')).toBe('2027-01-01');
    expect(reopensOn(window, 'UTC')).toBe('2026-12-31 11:00');
  });
});
