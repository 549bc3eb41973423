// @ts-check
'use strict';

const { nextDelay } = require('./backoff');
const { formatDuration } = require('./durations');
const { EXIT, HttpError, RequestFailedError } = require('./errors');

/**
 * What a command needs from the world, so tests can replace the clock.
 *
 * @typedef {{
 *   client: import('./client').Client,
 *   out: (line: string) => void,
 *   err: (line: string) => void,
 *   now: () => number,
 *   sleep: (ms: number) => Promise<void>,
 * }} Context
 */

/**
 * Statuses with which the server refuses an action on its merits: the
 * workflow (409: InvalidTransitionError, FreezeError, StaleVersionError) or
 * who may take it (403). Anything else is a failure to get an answer.
 */
const REFUSAL_STATUSES = [403, 409];

/**
 * Asks the gate once.
 *
 * @param {import('./args').CheckOptions} options
 * @param {Context} ctx
 */
async function check({ change, env }, ctx) {
  const gate = await ctx.client.gate(change, env);
  verdict(change, env, gate).forEach(ctx.out);
  return gate.allowed ? EXIT.OK : EXIT.REFUSED;
}

/**
 * The answer as lines: the verdict, then each reason. An open gate may
 * name one too: an emergency deploying through a freeze.
 *
 * @param {string} change
 * @param {string} env
 * @param {import('./client').GateAnswer} gate
 */
function verdict(change, env, gate) {
  const { allowed, reasons } = gate;
  const head = `${allowed ? 'Allowed' : 'Refused'}: change ${change} (${
    gate.change.state
  }) may ${allowed ? '' : 'not '}deploy to ${env}${reasons.length ? ':' : '.'}`;
  return [head, ...reasons.map(reason => `- ${reason}`)];
}

/**
 * Asks the gate until it opens or the deadline passes, with a last poll at
 * the deadline. A failed poll that may pass (no answer, 5xx, 429: the
 * backend restarting, say) is logged and retried; if the last poll failed,
 * that failure is the result (exit 3), since "timed out" would hide it.
 *
 * @param {import('./args').WaitOptions} options
 * @param {Context} ctx
 */
async function wait({ change, env, timeoutMs, intervalMs }, ctx) {
  const started = ctx.now();
  const deadline = started + timeoutMs;
  /** @type {number | undefined} */
  let delay;
  for (;;) {
    /** @type {import('./client').GateAnswer | undefined} */
    let gate;
    /** @type {RequestFailedError | undefined} */
    let failure;
    try {
      gate = await ctx.client.gate(change, env);
    } catch (error) {
      if (!isTransient(error)) {
        throw error;
      }
      failure = /** @type {RequestFailedError} */ (error);
    }
    const elapsed = formatDuration(ctx.now() - started);
    if (gate?.allowed) {
      const [head, ...reasons] = verdict(change, env, gate);
      [`[${elapsed}] ${head}`, ...reasons].forEach(ctx.out);
      return EXIT.OK;
    }
    // The server says the gate can never open (finished, or past the
    // deploy): waiting longer cannot help.
    if (gate?.final) {
      const [head, ...reasons] = verdict(change, env, gate);
      [`[${elapsed}] ${head}`, ...reasons].forEach(ctx.err);
      return EXIT.REFUSED;
    }
    const status = gate
      ? `${gate.change.state}: ${gate.reasons[0] ?? 'not allowed'}`
      : `no answer: ${failure?.message}`;

    const remaining = deadline - ctx.now();
    if (remaining <= 0) {
      if (failure) {
        throw failure;
      }
      ctx.err(
        `Timed out after ${formatDuration(
          timeoutMs,
        )}: change ${change} is ${status}`,
      );
      return EXIT.TIMED_OUT;
    }
    delay = nextDelay(delay, intervalMs);
    const pause = Math.min(delay, remaining);
    ctx.out(`[${elapsed}] ${status} (next check in ${formatDuration(pause)})`);
    await ctx.sleep(pause);
  }
}

/** @param {unknown} error */
function isTransient(error) {
  if (error instanceof HttpError) {
    return error.status >= 500 || error.status === 429;
  }
  return error instanceof RequestFailedError;
}

/**
 * Records the production deploy at the change's current version. The
 * version is read just before, so a person acting on the change in between
 * makes this a StaleVersionError (exit 1) rather than a silent overwrite.
 *
 * @param {import('./args').RecordDeployOptions} options
 * @param {Context} ctx
 */
async function recordDeploy({ change, ref, sha, comment }, ctx) {
  const { version } = await ctx.client.change(change);
  try {
    const updated = await ctx.client.act(change, {
      action: 'deploy',
      version,
      deploymentRef: ref,
      commitSha: sha,
      ...(comment !== undefined && { comment }),
    });
    ctx.out(`Recorded the deploy of change ${change} (now ${updated.state}).`);
    return EXIT.OK;
  } catch (error) {
    if (error instanceof HttpError && REFUSAL_STATUSES.includes(error.status)) {
      ctx.err(error.message);
      return EXIT.REFUSED;
    }
    throw error;
  }
}

module.exports = { check, wait, recordDeploy };
