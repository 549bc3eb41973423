// @ts-check
'use strict';

const http = require('node:http');
const { run } = require('../index');

/**
 * @typedef {{ method: string, path: string, query: URLSearchParams, headers: http.IncomingHttpHeaders, body: any }} SeenRequest
 * @typedef {{ status?: number, json?: unknown, text?: string }} Reply
 */

/**
 * A stand-in for the backend on 127.0.0.1: `answer` replies to each request
 * the CLI makes, and every request is kept for the test to inspect.
 *
 * @param {(req: SeenRequest, index: number) => Reply} answer
 */
async function startFakeBackend(answer) {
  /** @type {SeenRequest[]} */
  const requests = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', chunk => {
      raw += chunk;
    });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const seen = {
        method: req.method ?? '',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: raw ? JSON.parse(raw) : undefined,
      };
      requests.push(seen);
      const reply = answer(seen, requests.length - 1);
      res.statusCode = reply.status ?? 200;
      if (reply.json !== undefined) {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(reply.json));
      } else {
        res.end(reply.text ?? '');
      }
    });
  });
  await new Promise(resolve =>
    server.listen(0, '127.0.0.1', () => resolve(undefined)),
  );
  const { port } = /** @type {import('node:net').AddressInfo} */ (
    server.address()
  );
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise(resolve => {
        server.closeAllConnections();
        server.close(() => resolve(undefined));
      }),
  };
}

/** A URL where nothing listens: a port that was just free. */
async function downUrl() {
  const backend = await startFakeBackend(() => ({}));
  await backend.close();
  return backend.url;
}

/**
 * Backstage's error body.
 *
 * @param {number} status
 * @param {string} name
 * @param {string} message
 * @returns {Reply}
 */
function errorReply(status, name, message) {
  return {
    status,
    json: { error: { name, message }, response: { statusCode: status } },
  };
}

/**
 * A gate answer for a change in a state.
 *
 * @param {boolean} allowed
 * @param {string} state
 * @param {string[]} [reasons]
 * @returns {Reply}
 */
function gateReply(allowed, state, reasons = []) {
  return {
    json: {
      allowed,
      reasons,
      change: { id: 'c-1', type: 'standard', state, version: 3 },
    },
  };
}

/**
 * Runs the CLI in this process and collects what it prints.
 *
 * @param {string[]} argv
 * @param {import('../index').Io} [io]
 */
async function runCli(argv, io = {}) {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    env: {},
    stdout: { write: text => (stdout += text) },
    stderr: { write: text => (stderr += text) },
    ...io,
  });
  return { code, stdout, stderr };
}

module.exports = { startFakeBackend, downUrl, errorReply, gateReply, runCli };
