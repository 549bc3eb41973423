// @ts-check
'use strict';

const { parseCommandLine } = require('./args');
const { createClient } = require('./client');
const { check, recordDeploy, wait } = require('./commands');
const { EXIT, RequestFailedError, UsageError } = require('./errors');

const USAGE = `Usage: change-gate <command> [options]

Asks the change-management plugin of a Backstage backend whether a change may
deploy, and records the deploy on the change.

Commands:
  check --change <id> --env production|staging
      Ask the gate once; print the reasons when it is closed.
  wait --change <id> --env production|staging [--timeout 30m] [--interval 60s]
      Ask until the gate opens or the timeout passes. Polls 5s apart at
      first, doubling up to --interval; the last poll is at the timeout.
  record-deploy --change <id> --ref <url> --sha <sha> [--comment <text>]
      Record the production deploy (the pipeline run's URL and the commit).

Options:
  --url <url>      the backend's base URL, e.g. https://backstage.example.com
                   (default: $CHANGE_GATE_URL)
  --token <token>  a Backstage token, e.g. an external-access static token
                   (default: $CHANGE_GATE_TOKEN)
  -h, --help       print this help

Durations are written 500ms, 10s, 30m or 1h.

Exit codes:
  0   allowed (check, wait) or recorded (record-deploy)
  1   refused: the gate is closed, or the server refused the deploy
  2   timed out: the gate was still closed at --timeout (wait)
  3   failed: HTTP error, network failure or unexpected answer
  64  usage: bad command line, or no URL or token
`;

/**
 * @typedef {{
 *   env?: Record<string, string | undefined>,
 *   stdout?: { write(text: string): unknown },
 *   stderr?: { write(text: string): unknown },
 *   fetch?: typeof fetch,
 *   now?: () => number,
 *   sleep?: (ms: number) => Promise<void>,
 * }} Io
 */

/**
 * Runs one command line and resolves to the exit code; never rejects, and
 * never prints a stack trace: every failure is one line on stderr.
 *
 * @param {string[]} argv the arguments after the program name
 * @param {Io} [io] the process's by default; tests pass their own
 * @returns {Promise<number>}
 */
async function run(argv, io = {}) {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const err = (/** @type {string} */ line) => stderr.write(`${line}\n`);
  try {
    const invocation = parseCommandLine(argv, io.env ?? process.env);
    if (invocation.command === 'help') {
      stdout.write(USAGE);
      return EXIT.OK;
    }
    /** @type {import('./commands').Context} */
    const ctx = {
      client: createClient({ ...invocation, fetch: io.fetch }),
      out: line => stdout.write(`${line}\n`),
      err,
      now: io.now ?? Date.now,
      sleep:
        io.sleep ?? (ms => new Promise(resolve => setTimeout(resolve, ms))),
    };
    switch (invocation.command) {
      case 'check':
        return await check(invocation, ctx);
      case 'wait':
        return await wait(invocation, ctx);
      default:
        return await recordDeploy(invocation, ctx);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      err(`change-gate: ${error.message}`);
      err(`Run 'change-gate --help' for usage.`);
      return EXIT.USAGE;
    }
    if (error instanceof RequestFailedError) {
      err(error.message);
      return EXIT.FAILED;
    }
    err(
      `change-gate: unexpected error: ${String(
        /** @type {any} */ (error)?.message ?? error,
      )}`,
    );
    return EXIT.FAILED;
  }
}

module.exports = { run, EXIT, USAGE };
