// @ts-check
'use strict';

const { execFile } = require('node:child_process');
const path = require('node:path');
const {
  downUrl,
  errorReply,
  gateReply,
  runCli,
  startFakeBackend,
} = require('./__testUtils__/fakeBackend');

/** @type {Awaited<ReturnType<typeof startFakeBackend>> | undefined} */
let backend;
afterEach(async () => {
  await backend?.close();
  backend = undefined;
});

/** @param {Parameters<typeof startFakeBackend>[0]} answer */
async function serve(answer) {
  backend = await startFakeBackend(answer);
  return backend;
}

/** @param {string} url */
const serverFlags = url => ['--url', url, '--token', 'secret'];

describe('check', () => {
  /** @param {string} url */
  const check = url =>
    runCli([
      'check',
      '--change',
      'c-1',
      '--env',
      'production',
      ...serverFlags(url),
    ]);

  it('exits 0 when the gate is open, asking the plugin with the token', async () => {
    const { url, requests } = await serve(() => gateReply(true, 'signed-off'));
    const result = await check(url);
    expect(result).toEqual({
      code: 0,
      stdout: 'Allowed: change c-1 (signed-off) may deploy to production.\n',
      stderr: '',
    });
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      method: 'GET',
      path: '/api/change-management/gate',
    });
    expect(Object.fromEntries(requests[0].query)).toEqual({
      changeId: 'c-1',
      environment: 'production',
    });
    expect(requests[0].headers.authorization).toBe('Bearer secret');
  });

  it('exits 1 when the gate is closed, with one reason a line', async () => {
    const { url } = await serve(() =>
      gateReply(false, 'approved', [
        'The CTO has not signed off',
        'Production is frozen until Jan 1',
      ]),
    );
    expect(await check(url)).toEqual({
      code: 1,
      stdout: [
        'Refused: change c-1 (approved) may not deploy to production:',
        '- The CTO has not signed off',
        '- Production is frozen until Jan 1',
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  it("exits 3 on an unknown change, with the error body's name and message", async () => {
    const { url } = await serve(() =>
      errorReply(404, 'NotFoundError', 'No change c-1'),
    );
    expect(await check(url)).toEqual({
      code: 3,
      stdout: '',
      stderr: 'NotFoundError: No change c-1\n',
    });
  });

  it('exits 3 on a 500 that is not a Backstage error body', async () => {
    const { url } = await serve(() => ({
      status: 500,
      text: '<html>oops</html>',
    }));
    const result = await check(url);
    expect(result.code).toBe(3);
    expect(result.stderr).toBe(
      `HTTP 500: Internal Server Error from GET ${url}/api/change-management/gate?changeId=c-1&environment=production\n`,
    );
  });

  it('exits 3 on a 200 that is not JSON', async () => {
    const { url } = await serve(() => ({ text: '<html>login</html>' }));
    const result = await check(url);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/^Not JSON from GET .*\n$/);
  });

  it('exits 3 on JSON that is not a gate answer', async () => {
    const { url } = await serve(() => ({ json: { allowed: true } }));
    expect(await check(url)).toEqual({
      code: 3,
      stdout: '',
      stderr: `Unexpected answer from ${url}/api/change-management/gate: it needs allowed, reasons and change\n`,
    });
  });

  it('exits 3 with one line when the backend is down', async () => {
    const url = await downUrl();
    const result = await check(url);
    expect(result.code).toBe(3);
    expect(result.stderr).toBe(
      `Cannot reach ${url}/api/change-management/gate?changeId=c-1&environment=production: connection refused\n`,
    );
  });
});

describe('record-deploy', () => {
  /**
   * @param {string} url
   * @param {string[]} more
   */
  const recordDeploy = (url, ...more) =>
    runCli([
      'record-deploy',
      '--change',
      'c-1',
      '--ref',
      'https://github.com/trove/payments/actions/runs/7',
      '--sha',
      'abc123',
      ...more,
      ...serverFlags(url),
    ]);
  /** @param {import('./__testUtils__/fakeBackend').Reply} actionReply */
  const backendAnswering = actionReply =>
    serve(req =>
      req.method === 'GET'
        ? { json: { id: 'c-1', state: 'signed-off', version: 7 } }
        : actionReply,
    );

  it('posts the deploy at the version it just read and exits 0', async () => {
    const { url, requests } = await backendAnswering({
      json: { id: 'c-1', state: 'deployed', version: 8 },
    });
    const result = await recordDeploy(url, '--comment', 'Release 2026.6');
    expect(result).toEqual({
      code: 0,
      stdout: 'Recorded the deploy of change c-1 (now deployed).\n',
      stderr: '',
    });
    expect(requests.map(r => `${r.method} ${r.path}`)).toEqual([
      'GET /api/change-management/changes/c-1',
      'POST /api/change-management/changes/c-1/actions',
    ]);
    expect(requests[1].body).toEqual({
      action: 'deploy',
      version: 7,
      deploymentRef: 'https://github.com/trove/payments/actions/runs/7',
      commitSha: 'abc123',
      comment: 'Release 2026.6',
    });
    expect(requests[1].headers.authorization).toBe('Bearer secret');
  });

  it.each([
    [
      409,
      'FreezeError',
      'Production deploys of standard changes are frozen from Oct 1 to Jan 1',
    ],
    [409, 'StaleVersionError', 'The change has moved on'],
    [403, 'NotAllowedError', 'Pipelines may not record deploys'],
  ])(
    'exits 1 when the server refuses with %i %s',
    async (status, name, message) => {
      const { url } = await backendAnswering(errorReply(status, name, message));
      expect(await recordDeploy(url)).toEqual({
        code: 1,
        stdout: '',
        stderr: `${name}: ${message}\n`,
      });
    },
  );

  it('keeps a refusal on one line', async () => {
    const { url } = await backendAnswering(
      errorReply(409, 'InvalidTransitionError', 'Cannot deploy\n  in draft'),
    );
    expect(await recordDeploy(url)).toMatchObject({
      code: 1,
      stderr: 'InvalidTransitionError: Cannot deploy in draft\n',
    });
  });

  it('exits 3 on a server error', async () => {
    const { url } = await backendAnswering(
      errorReply(500, 'Error', 'database is gone'),
    );
    expect(await recordDeploy(url)).toMatchObject({
      code: 3,
      stderr: 'Error: database is gone\n',
    });
  });

  it('exits 3, recording nothing, when the change cannot be read', async () => {
    const { url, requests } = await serve(() =>
      errorReply(401, 'AuthenticationError', 'Illegal token'),
    );
    expect(await recordDeploy(url)).toMatchObject({
      code: 3,
      stderr: 'AuthenticationError: Illegal token\n',
    });
    expect(requests).toHaveLength(1);
  });

  it('exits 3 when the backend is down', async () => {
    const result = await recordDeploy(await downUrl());
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(
      /^Cannot reach .*\/changes\/c-1: connection refused\n$/,
    );
  });
});

describe('bin/change-gate.js', () => {
  const bin = path.resolve(__dirname, '../bin/change-gate.js');
  /**
   * @param {string[]} args
   * @param {Record<string, string>} [env]
   * @returns {Promise<{ code: number, stdout: string, stderr: string }>}
   */
  const spawnCli = (args, env = {}) =>
    new Promise(resolve => {
      execFile(
        process.execPath,
        [bin, ...args],
        { env: { PATH: process.env.PATH, ...env } },
        (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
      );
    });

  it('runs without a build, reading the server from the environment', async () => {
    const { url } = await serve(() =>
      gateReply(false, 'submitted', ['Waiting on peer review']),
    );
    const result = await spawnCli(
      ['check', '--change', 'c-1', '--env', 'staging'],
      {
        CHANGE_GATE_URL: url,
        CHANGE_GATE_TOKEN: 'secret',
      },
    );
    expect(result).toEqual({
      code: 1,
      stdout:
        'Refused: change c-1 (submitted) may not deploy to staging:\n- Waiting on peer review\n',
      stderr: '',
    });
  });

  it('prints the usage with the exit codes', async () => {
    const result = await spawnCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Exit codes:\n {2}0 {3}allowed/);
  });

  it('exits 64 on a usage error', async () => {
    expect(await spawnCli(['check'])).toMatchObject({
      code: 64,
      stderr: expect.stringMatching(/check needs --change/),
    });
  });
});
