// @ts-check
'use strict';

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

/**
 * @param {string} url
 * @param {string[]} timing
 * @param {import('./index').Io} [io]
 */
const wait = (url, timing, io) =>
  runCli(
    [
      'wait',
      '--change',
      'c-1',
      '--env',
      'production',
      '--url',
      url,
      '--token',
      'secret',
      ...timing,
    ],
    io,
  );

/** A clock that only moves when the command sleeps, and the sleeps it took. */
function fakeClock() {
  let time = 0;
  /** @type {number[]} */
  const sleeps = [];
  return {
    sleeps,
    now: () => time,
    sleep: async (/** @type {number} */ ms) => {
      sleeps.push(ms);
      time += ms;
    },
  };
}

describe('wait', () => {
  it('exits 0 once the gate opens, printing each poll', async () => {
    const { url, requests } = await serve((_, i) =>
      i < 2
        ? gateReply(false, 'approved', [
            'The CTO has not signed off',
            'second reason',
          ])
        : gateReply(true, 'signed-off'),
    );
    const clock = fakeClock();
    const result = await wait(url, [], clock);
    expect(result.code).toBe(0);
    expect(requests).toHaveLength(3);
    expect(clock.sleeps).toEqual([5_000, 10_000]);
    expect(result.stdout).toBe(
      [
        '[0ms] approved: The CTO has not signed off (next check in 5s)',
        '[5s] approved: The CTO has not signed off (next check in 10s)',
        '[15s] Allowed: change c-1 (signed-off) may deploy to production.',
        '',
      ].join('\n'),
    );
  });

  it('exits 1 at once when the server says the gate can never open', async () => {
    const { url, requests } = await serve(() => ({
      json: {
        allowed: false,
        final: true,
        reasons: ['The change is cancelled'],
        change: { id: 'c-1', type: 'standard', state: 'cancelled', version: 2 },
      },
    }));
    const clock = fakeClock();
    const result = await wait(url, [], clock);
    expect(result.code).toBe(1);
    expect(requests).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
    expect(result.stderr).toContain('The change is cancelled');
  });

  it('backs off to the interval and polls a last time at the deadline, then exits 2', async () => {
    const { url, requests } = await serve(() =>
      gateReply(false, 'approved', ['The CTO has not signed off']),
    );
    const clock = fakeClock();
    const result = await wait(
      url,
      ['--timeout', '2m', '--interval', '30s'],
      clock,
    );
    expect(result.code).toBe(2);
    // 5 + 10 + 20 + 30 + 30 = 95 s, then the 25 s left.
    expect(clock.sleeps).toEqual([
      5_000, 10_000, 20_000, 30_000, 30_000, 25_000,
    ]);
    expect(requests).toHaveLength(7);
    expect(result.stderr).toBe(
      'Timed out after 2m00s: change c-1 is approved: The CTO has not signed off\n',
    );
  });

  it('times out on the real clock', async () => {
    const { url, requests } = await serve(() =>
      gateReply(false, 'submitted', ['Waiting on peer review']),
    );
    const started = Date.now();
    const result = await wait(url, [
      '--timeout',
      '300ms',
      '--interval',
      '50ms',
    ]);
    expect(result.code).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(requests.length).toBeGreaterThanOrEqual(4);
    expect(result.stderr).toMatch(
      /^Timed out after 300ms: change c-1 is submitted: Waiting on peer review\n$/,
    );
  });

  it('succeeds after N polls on the real clock', async () => {
    const { url, requests } = await serve((_, i) =>
      i < 4 ? gateReply(false, 'approved') : gateReply(true, 'signed-off'),
    );
    const result = await wait(url, ['--timeout', '10s', '--interval', '20ms']);
    expect(result.code).toBe(0);
    expect(requests).toHaveLength(5);
    expect(result.stdout.split('\n').filter(Boolean)).toHaveLength(5);
  });

  it('polls on through server errors while the backend restarts', async () => {
    const { url } = await serve((_, i) =>
      i === 0
        ? { status: 503, text: 'Service Unavailable' }
        : gateReply(true, 'signed-off'),
    );
    const result = await wait(url, [], fakeClock());
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^\[0ms\] no answer: HTTP 503: Service Unavailable from GET .* \(next check in 5s\)\n/,
    );
  });

  it('exits 3 at once on an unknown change', async () => {
    const { requests, url } = await serve(() =>
      errorReply(404, 'NotFoundError', 'No change c-1'),
    );
    const clock = fakeClock();
    expect(await wait(url, [], clock)).toEqual({
      code: 3,
      stdout: '',
      stderr: 'NotFoundError: No change c-1\n',
    });
    expect(requests).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('exits 3, not 2, when the backend is still down at the deadline', async () => {
    const clock = fakeClock();
    const result = await wait(await downUrl(), ['--timeout', '30s'], clock);
    expect(result.code).toBe(3);
    expect(clock.sleeps).toEqual([5_000, 10_000, 15_000]);
    expect(result.stderr).toMatch(/^Cannot reach .*: connection refused\n$/);
  });
});
