// @ts-check
'use strict';

const { nextDelay } = require('./backoff');
const { formatDuration, parseDuration } = require('./durations');

/**
 * @param {number} maxMs
 * @param {number} count
 */
function schedule(maxMs, count) {
  /** @type {number[]} */
  const delays = [];
  /** @type {number | undefined} */
  let delay;
  for (let i = 0; i < count; i++) {
    delay = nextDelay(delay, maxMs);
    delays.push(delay);
  }
  return delays;
}

describe('nextDelay', () => {
  it('starts at 5 s and doubles up to the cap', () => {
    expect(schedule(60_000, 7)).toEqual([
      5_000, 10_000, 20_000, 40_000, 60_000, 60_000, 60_000,
    ]);
    expect(schedule(10_000, 4)).toEqual([5_000, 10_000, 10_000, 10_000]);
  });

  it('never starts above a cap shorter than 5 s', () => {
    expect(schedule(50, 3)).toEqual([50, 50, 50]);
  });
});

describe('durations', () => {
  it.each([
    ['500ms', 500],
    ['10s', 10_000],
    ['30m', 1_800_000],
    ['1h', 3_600_000],
    ['0s', 0],
  ])('reads %s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['30', '1.5m', '-5s', '10 minutes', '1h30m', ''])(
    'does not read %p',
    text => {
      expect(parseDuration(text)).toBeUndefined();
    },
  );

  it.each([
    [850, '850ms'],
    [45_000, '45s'],
    [65_000, '1m05s'],
    [1_800_000, '30m00s'],
    [3_723_000, '1h02m03s'],
  ])('writes %p as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
