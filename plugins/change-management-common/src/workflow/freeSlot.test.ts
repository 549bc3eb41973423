import { nextFreeSlot } from './freeSlot';

const t = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;
const slot = (start: string, end: string) => ({ start: t(start), end: t(end) });

describe('nextFreeSlot', () => {
  const base = {
    earliest: t('2026-06-10T09:00:00Z'),
    latestStart: t('2026-06-10T09:00:00Z') + 90 * 24 * HOUR,
    durationMs: HOUR,
  };

  it('starts at the earliest time when nothing is busy, or as a busy interval ends', () => {
    expect(nextFreeSlot({ ...base, busy: [] })).toEqual(
      slot('2026-06-10T09:00:00Z', '2026-06-10T10:00:00Z'),
    );
    expect(
      nextFreeSlot({
        ...base,
        busy: [
          slot('2026-06-10T08:00:00Z', '2026-06-10T09:00:00Z'),
          slot('2026-06-10T10:00:00Z', '2026-06-10T11:00:00Z'),
        ],
      }),
    ).toEqual(slot('2026-06-10T09:00:00Z', '2026-06-10T10:00:00Z'));
  });

  it('skips overlapping and chained busy intervals, in any order', () => {
    expect(
      nextFreeSlot({
        ...base,
        busy: [
          slot('2026-06-10T10:30:00Z', '2026-06-10T12:00:00Z'),
          slot('2026-06-10T08:00:00Z', '2026-06-10T09:30:00Z'),
          slot('2026-06-10T09:15:00Z', '2026-06-10T11:00:00Z'),
        ],
      }),
    ).toEqual(slot('2026-06-10T12:00:00Z', '2026-06-10T13:00:00Z'));
  });

  it('finds nothing when the horizon is busy', () => {
    expect(
      nextFreeSlot({
        ...base,
        busy: [slot('2026-06-01T00:00:00Z', '2026-10-01T00:00:00Z')],
      }),
    ).toBeUndefined();
  });

  it('keeps to working hours when they are given', () => {
    const workingHours = {
      timeZone: 'Europe/London',
      days: [1, 2, 3, 4, 5],
      start: '09:00',
      end: '17:00',
    };
    // Friday 2026-06-12, 15:30 London: an hour and a half is left, so two
    // hours go to Monday 09:00 London (08:00 UTC).
    expect(
      nextFreeSlot({
        ...base,
        earliest: t('2026-06-12T14:30:00Z'),
        durationMs: 2 * HOUR,
        busy: [],
        workingHours,
      }),
    ).toEqual(slot('2026-06-15T08:00:00Z', '2026-06-15T10:00:00Z'));
    // longer than a working day: never
    expect(
      nextFreeSlot({ ...base, durationMs: 9 * HOUR, busy: [], workingHours }),
    ).toBeUndefined();
  });
});
