import { formatHours, formatShare, NONE, plural } from './figures';

describe('figures', () => {
  it('says hours in minutes, hours, then days', () => {
    expect(formatHours(0.75)).toBe('45 min');
    expect(formatHours(26.5)).toBe('26 h 30 min');
    // Up to two days in hours; from there in days and hours.
    expect(formatHours(47.99)).toBe('47 h 59 min');
    expect(formatHours(48)).toBe('2 d 0 h');
    expect(formatHours(75.25)).toBe('3 d 3 h');
  });

  it('says none for nothing measured, and 0 for a measured zero', () => {
    expect(formatHours(null)).toBe(NONE);
    expect(formatShare(null)).toBe(NONE);
    expect(formatHours(0)).toBe('0 min');
    expect(formatShare(0)).toBe('0%');
    expect(formatShare(2 / 3)).toBe('66.7%');
  });

  it('counts in the singular and the plural', () => {
    expect(plural(1, 'change')).toBe('1 change');
    expect(plural(0, 'recovery', 'recoveries')).toBe('0 recoveries');
  });
});
