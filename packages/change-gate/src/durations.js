// @ts-check
'use strict';

const UNITS = /** @type {const} */ ({
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
});

/**
 * Reads `500ms`, `10s`, `30m` or `1h` as milliseconds; undefined for
 * anything else, a bare number included, since `30` could mean either unit.
 *
 * @param {string} text
 * @returns {number | undefined}
 */
function parseDuration(text) {
  const match = /^(\d+)(ms|s|m|h)$/.exec(text.trim());
  if (!match) {
    return undefined;
  }
  return Number(match[1]) * UNITS[/** @type {keyof UNITS} */ (match[2])];
}

/**
 * Writes milliseconds for a log line: `850ms`, `45s`, `1m05s`, `1h02m03s`.
 *
 * @param {number} ms
 */
function formatDuration(ms) {
  if (ms < 1000) {
    return `${Math.max(0, Math.round(ms))}ms`;
  }
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');
  if (h > 0) {
    return `${h}h${pad(m)}m${pad(s)}s`;
  }
  return m > 0 ? `${m}m${pad(s)}s` : `${s}s`;
}

module.exports = { parseDuration, formatDuration };
