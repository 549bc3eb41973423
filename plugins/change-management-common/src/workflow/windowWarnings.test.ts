import { DEFAULT_FREEZE_CALENDAR, freezeWindowsBetween } from '../freeze';
import { changeDraftSchema } from '../schemas';
import { plannedWindowIssues, windowsOverlap } from './plannedWindow';
import {
  closuresBetween,
  validateWorkingHours,
  windowWarnings,
  withinWorkingHours,
  WorkingHours,
} from './windowWarnings';

const window = (plannedStart: string, plannedEnd: string) => ({
  plannedStart,
  plannedEnd,
});

const LONDON_OFFICE: WorkingHours = {
  timeZone: 'Europe/London',
  days: [1, 2, 3, 4, 5],
  start: '09:00',
  end: '17:00',
};

const blackout = {
  entityRef: 'system:default/payments',
  start: '2026-06-12T00:00:00.000Z',
  end: '2026-06-13T00:00:00.000Z',
  reason: 'Database migration',
};

describe('plannedWindowIssues', () => {
  it('accepts both or neither, the end after the start', () => {
    expect(plannedWindowIssues({})).toEqual([]);
    expect(
      plannedWindowIssues(
        window('2026-06-10T09:00:00.000Z', '2026-06-10T10:00:00.000Z'),
      ),
    ).toEqual([]);
  });

  it('names the missing half', () => {
    expect(
      plannedWindowIssues({ plannedStart: '2026-06-10T09:00:00.000Z' }),
    ).toEqual([
      { path: 'plannedEnd', message: expect.stringMatching(/required/) },
    ]);
    expect(
      plannedWindowIssues({ plannedEnd: '2026-06-10T09:00:00.000Z' }),
    ).toEqual([
      { path: 'plannedStart', message: expect.stringMatching(/required/) },
    ]);
  });

  it('refuses an end at or before the start', () => {
    for (const end of [
      '2026-06-10T09:00:00.000Z',
      '2026-06-10T08:00:00.000Z',
    ]) {
      expect(
        plannedWindowIssues(window('2026-06-10T09:00:00.000Z', end)),
      ).toEqual([
        {
          path: 'plannedEnd',
          message: 'Planned end must be after the planned start',
        },
      ]);
    }
  });
});

describe('the draft schema reads planned times', () => {
  const draft = {
    type: 'standard',
    title: 't',
    affectedEntityRefs: ['component:default/a'],
  };

  it('as instants written in UTC, whatever offset was sent', () => {
    expect(
      changeDraftSchema.parse({
        ...draft,
        plannedStart: '2026-06-10T10:00:00+01:00',
        plannedEnd: '2026-06-10T11:30:00Z',
      }),
    ).toMatchObject({
      plannedStart: '2026-06-10T09:00:00.000Z',
      plannedEnd: '2026-06-10T11:30:00.000Z',
    });
  });

  it('refuses what is not a time with a zone, naming the field', () => {
    const result = changeDraftSchema.safeParse({
      ...draft,
      plannedStart: '2026-06-10 10:00',
    });
    expect(result.success).toBe(false);
    expect(!result.success && result.error.issues[0]).toMatchObject({
      path: ['plannedStart'],
      message: expect.stringMatching(/^Planned start must be an ISO 8601 time/),
    });
  });
});

describe('windowsOverlap', () => {
  const a = { start: '2026-06-10T09:00:00Z', end: '2026-06-10T10:00:00Z' };

  it('is half-open: adjacent windows do not overlap', () => {
    expect(
      windowsOverlap(a, {
        start: '2026-06-10T10:00:00Z',
        end: '2026-06-10T11:00:00Z',
      }),
    ).toBe(false);
    expect(
      windowsOverlap(a, {
        start: '2026-06-10T08:00:00Z',
        end: '2026-06-10T09:00:00Z',
      }),
    ).toBe(false);
  });

  it('finds overlapping and nested windows', () => {
    expect(
      windowsOverlap(a, {
        start: '2026-06-10T09:59:59Z',
        end: '2026-06-10T11:00:00Z',
      }),
    ).toBe(true);
    expect(
      windowsOverlap(a, {
        start: '2026-06-10T09:15:00Z',
        end: '2026-06-10T09:45:00Z',
      }),
    ).toBe(true);
    expect(
      windowsOverlap(
        { start: '2026-06-10T09:15:00Z', end: '2026-06-10T09:45:00Z' },
        a,
      ),
    ).toBe(true);
  });
});

describe('freezeWindowsBetween', () => {
  it('finds the freeze that spans the new year from December and from January', () => {
    const expected = {
      start: '2026-10-01T00:00:00.000Z',
      end: '2027-01-01T00:00:00.000Z',
    };
    expect(
      freezeWindowsBetween(
        new Date('2026-12-01T00:00:00Z'),
        new Date('2027-01-01T00:00:00Z'),
        DEFAULT_FREEZE_CALENDAR,
      ),
    ).toEqual([expected]);
    // January is after the SOP's freeze: it ends on January 1.
    expect(
      freezeWindowsBetween(
        new Date('2027-01-01T00:00:00Z'),
        new Date('2027-02-01T00:00:00Z'),
        DEFAULT_FREEZE_CALENDAR,
      ),
    ).toEqual([]);
  });

  it('finds a window ending in January from January, and every year of a long range', () => {
    const calendar = {
      windows: [{ start: '12-15', end: '01-15' }],
      timeZone: 'Europe/Berlin',
    };
    expect(
      freezeWindowsBetween(
        new Date('2027-01-10T00:00:00Z'),
        new Date('2027-01-11T00:00:00Z'),
        calendar,
      ),
    ).toEqual([
      {
        start: '2026-12-15T00:00:00.000+01:00',
        end: '2027-01-15T00:00:00.000+01:00',
      },
    ]);
    expect(
      freezeWindowsBetween(
        new Date('2026-01-01T00:00:00Z'),
        new Date('2028-01-01T00:00:00Z'),
        calendar,
      ).map(w => w.start),
    ).toEqual([
      '2025-12-15T00:00:00.000+01:00',
      '2026-12-15T00:00:00.000+01:00',
      '2027-12-15T00:00:00.000+01:00',
    ]);
  });
});

describe('closuresBetween', () => {
  it('lists the freeze, then the overlapping blackouts, titled', () => {
    expect(
      closuresBetween(
        new Date('2026-06-01T00:00:00Z'),
        new Date('2026-10-02T00:00:00Z'),
        { freeze: DEFAULT_FREEZE_CALENDAR, blackouts: [blackout] },
      ),
    ).toEqual([
      {
        kind: 'freeze',
        start: '2026-10-01T00:00:00.000Z',
        end: '2027-01-01T00:00:00.000Z',
        title: 'Freeze 2026-10-01 to 2026-12-31 (UTC)',
      },
      {
        kind: 'blackout',
        start: blackout.start,
        end: blackout.end,
        title: 'Blackout: Database migration',
        entityRef: 'system:default/payments',
      },
    ]);
  });
});

describe('withinWorkingHours', () => {
  it('reads the hours in their zone', () => {
    // 08:30 UTC is 09:30 in London in June (BST).
    expect(
      withinWorkingHours(
        window('2026-06-10T08:30:00Z', '2026-06-10T15:00:00Z'),
        LONDON_OFFICE,
      ),
    ).toBe(true);
    expect(
      withinWorkingHours(
        window('2026-06-10T07:30:00Z', '2026-06-10T09:00:00Z'),
        LONDON_OFFICE,
      ),
    ).toBe(false);
  });

  it('refuses a window past the end of the day, over a night or on a weekend', () => {
    for (const [start, end] of [
      ['2026-06-10T15:00:00Z', '2026-06-10T16:30:00Z'],
      ['2026-06-10T15:00:00Z', '2026-06-11T09:00:00Z'],
      ['2026-06-13T10:00:00Z', '2026-06-13T11:00:00Z'],
    ]) {
      expect(withinWorkingHours(window(start, end), LONDON_OFFICE)).toBe(false);
    }
  });

  it('validates config', () => {
    expect(() => validateWorkingHours(LONDON_OFFICE)).not.toThrow();
    expect(() =>
      validateWorkingHours({ ...LONDON_OFFICE, timeZone: 'Mars/Base' }),
    ).toThrow(/IANA/);
    expect(() => validateWorkingHours({ ...LONDON_OFFICE, days: [0] })).toThrow(
      /weekdays/,
    );
    expect(() =>
      validateWorkingHours({ ...LONDON_OFFICE, start: '17:00', end: '09:00' }),
    ).toThrow(/the end after the start/);
  });
});

describe('windowWarnings', () => {
  const options = {
    freeze: DEFAULT_FREEZE_CALENDAR,
    blackouts: [blackout],
  };

  it('warns a standard or infrastructure change planned in the freeze', () => {
    for (const type of ['standard', 'infrastructure'] as const) {
      expect(
        windowWarnings({
          ...options,
          type,
          window: window('2026-12-31T22:00:00Z', '2027-01-01T02:00:00Z'),
        }),
      ).toEqual([
        {
          reason: 'freeze',
          message: `The planned window falls while production is frozen from 2026-10-01 to 2026-12-31 (UTC): a ${type} change may not deploy then`,
        },
      ]);
    }
  });

  it('warns of a blackout of its entities', () => {
    expect(
      windowWarnings({
        ...options,
        type: 'standard',
        window: window('2026-06-12T10:00:00Z', '2026-06-12T11:00:00Z'),
      }),
    ).toEqual([
      {
        reason: 'blackout',
        message: expect.stringContaining(
          'blacked out for system:default/payments',
        ),
      },
    ]);
  });

  it('does not warn an emergency of the freeze or a blackout: it deploys through them', () => {
    expect(
      windowWarnings({
        ...options,
        type: 'emergency',
        window: window('2026-06-12T10:00:00Z', '2026-11-12T11:00:00Z'),
      }),
    ).toEqual([]);
  });

  it('warns any change outside configured working hours, and none without them', () => {
    const late = window('2026-06-10T18:00:00Z', '2026-06-10T19:00:00Z');
    expect(
      windowWarnings({ ...options, type: 'emergency', window: late }),
    ).toEqual([]);
    expect(
      windowWarnings({
        ...options,
        type: 'emergency',
        window: late,
        workingHours: LONDON_OFFICE,
      }),
    ).toEqual([
      {
        reason: 'outside-working-hours',
        message:
          'The planned window is outside working hours, Mon, Tue, Wed, Thu, Fri 09:00 to 17:00 (Europe/London)',
      },
    ]);
  });

  it('warns nothing of an open window in working hours', () => {
    expect(
      windowWarnings({
        ...options,
        type: 'standard',
        window: window('2026-06-10T09:00:00Z', '2026-06-10T10:00:00Z'),
        workingHours: LONDON_OFFICE,
      }),
    ).toEqual([]);
  });
});
