// @ts-check
'use strict';

/**
 * What the process exits with. Pipelines branch on these, so they are part
 * of the interface: see the README before changing one.
 */
const EXIT = Object.freeze({
  /** The gate is open, or the deploy is recorded. */
  OK: 0,
  /** The gate is closed, or the server refused the action. */
  REFUSED: 1,
  /** `wait` gave up at its deadline with the gate still closed. */
  TIMED_OUT: 2,
  /** No usable answer: HTTP error, network failure, unexpected response. */
  FAILED: 3,
  /** Bad command line or missing configuration (sysexits' EX_USAGE). */
  USAGE: 64,
});

/** The command line cannot be run as written. */
class UsageError extends Error {}

/** No usable answer from the server; the message is one line for a log. */
class RequestFailedError extends Error {}

/** The server answered with an error status. */
class HttpError extends RequestFailedError {
  /**
   * @param {number} status
   * @param {string} errorName `error.name` of a Backstage error body, or
   *   `HTTP <status>` when the body is not one (a proxy's page, say)
   * @param {string} message
   */
  constructor(status, errorName, message) {
    // One line in a pipeline's log, whatever the server wrote.
    super(`${errorName}: ${message}`.replace(/\s*\n\s*/g, ' '));
    this.status = status;
    this.errorName = errorName;
  }
}

module.exports = { EXIT, UsageError, RequestFailedError, HttpError };
