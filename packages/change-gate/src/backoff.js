// @ts-check
'use strict';

/** The first pause between polls, unless the cap is shorter. */
const FIRST_DELAY_MS = 5_000;

/**
 * The pause before the next poll: 5 s at first, then double the last one,
 * never more than `maxMs`. A gate usually opens on a person's click, so the
 * first minutes are polled closely and a long wait costs one request a
 * minute at the default cap.
 *
 * @param {number | undefined} previousMs the last pause; undefined before the first
 * @param {number} maxMs the cap (`--interval`)
 */
function nextDelay(previousMs, maxMs) {
  if (previousMs === undefined) {
    return Math.min(FIRST_DELAY_MS, maxMs);
  }
  return Math.min(previousMs * 2, maxMs);
}

module.exports = { FIRST_DELAY_MS, nextDelay };
