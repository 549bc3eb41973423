// @ts-check
'use strict';

const { HttpError, RequestFailedError } = require('./errors');

/** A request that hangs longer than this is a failure, not a wait. */
const REQUEST_TIMEOUT_MS = 30_000;

/** Friendlier words for the socket errors a pipeline meets. */
const SOCKET_ERRORS = /** @type {Record<string, string>} */ ({
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
});

/**
 * @typedef {{
 *   allowed: boolean,
 *   reasons: string[],
 *   final?: boolean,
 *   change: { id: string, type: string, state: string, version: number },
 * }} GateAnswer
 * @typedef {{ id: string, state: string, version: number }} ChangeSummary
 */

/**
 * The few routes of the change-management API the commands use. Every
 * failure is a RequestFailedError (HttpError when the server answered) with
 * a one-line message.
 *
 * @param {{ baseUrl: string, token: string, fetch?: typeof fetch }} options
 */
function createClient({ baseUrl, token, fetch: fetchImpl = fetch }) {
  /**
   * @param {'GET' | 'POST'} method
   * @param {string} path
   * @param {unknown} [body]
   * @returns {Promise<unknown>}
   */
  async function request(method, path, body) {
    const url = baseUrl + path;
    /** @type {Response} */
    let res;
    /** @type {string} */
    let text;
    try {
      res = await fetchImpl(url, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(body !== undefined && { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      text = await res.text();
    } catch (error) {
      throw new RequestFailedError(
        `Cannot reach ${url}: ${describeFailure(error)}`,
      );
    }

    const json = parseJson(text);
    if (!res.ok) {
      // Backstage's error body; its `name` is the contract, the message is
      // for people.
      const error = /** @type {any} */ (json)?.error;
      if (typeof error?.name === 'string') {
        throw new HttpError(
          res.status,
          error.name,
          String(error.message ?? ''),
        );
      }
      throw new HttpError(
        res.status,
        `HTTP ${res.status}`,
        `${res.statusText || 'error'} from ${method} ${url}`,
      );
    }
    if (json === undefined) {
      throw new RequestFailedError(`Not JSON from ${method} ${url}`);
    }
    return json;
  }

  return {
    /**
     * @param {string} changeId
     * @param {string} environment
     * @returns {Promise<GateAnswer>}
     */
    async gate(changeId, environment) {
      const query = new URLSearchParams({ changeId, environment });
      const answer = /** @type {any} */ (
        await request('GET', `/gate?${query}`)
      );
      if (
        typeof answer?.allowed !== 'boolean' ||
        !Array.isArray(answer.reasons) ||
        typeof answer.change?.state !== 'string'
      ) {
        throw new RequestFailedError(
          `Unexpected answer from ${baseUrl}/gate: it needs allowed, reasons and change`,
        );
      }
      return answer;
    },

    /**
     * @param {string} changeId
     * @returns {Promise<ChangeSummary>}
     */
    async change(changeId) {
      const change = /** @type {any} */ (
        await request('GET', `/changes/${encodeURIComponent(changeId)}`)
      );
      if (typeof change?.version !== 'number') {
        throw new RequestFailedError(
          `Unexpected answer from ${baseUrl}/changes/${changeId}: no version`,
        );
      }
      return change;
    },

    /**
     * @param {string} changeId
     * @param {{ action: string, version: number } & Record<string, unknown>} body
     * @returns {Promise<ChangeSummary>}
     */
    async act(changeId, body) {
      return /** @type {ChangeSummary} */ (
        await request(
          'POST',
          `/changes/${encodeURIComponent(changeId)}/actions`,
          body,
        )
      );
    },
  };
}

/** @typedef {ReturnType<typeof createClient>} Client */

/** @param {string} text */
function parseJson(text) {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * fetch reports every failure as `TypeError: fetch failed`; the reason is in
 * its cause (an AggregateError when localhost has both an IPv4 and an IPv6
 * address).
 *
 * @param {unknown} error
 */
function describeFailure(error) {
  const e = /** @type {any} */ (error);
  if (e?.name === 'TimeoutError') {
    return `no answer within ${REQUEST_TIMEOUT_MS / 1000} s`;
  }
  const cause = e?.cause?.errors?.[0] ?? e?.cause ?? e;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  return (code && SOCKET_ERRORS[code]) ?? code ?? String(cause?.message ?? e);
}

module.exports = { createClient, REQUEST_TIMEOUT_MS };
