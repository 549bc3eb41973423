import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { actionFields } from '../__testUtils__/changes';
import { changeIn } from '../__testUtils__/changeIn';
import {
  Harness,
  OPEN_TIME,
  startChangeManagement,
} from '../__testUtils__/harness';

jest.setTimeout(60_000);

/** The CLI as a pipeline runs it, from source: it has no build step. */
const CLI = path.resolve(
  __dirname,
  '../../../../packages/change-gate/bin/change-gate.js',
);
/** The mock auth reads this token as a service principal with this subject. */
const PIPELINE_TOKEN = mockCredentials.service.token();
const PIPELINE_SUBJECT = mockCredentials.service().principal.subject;

const RUN_URL = 'https://github.com/acme/payments-service/actions/runs/4242';
const SHA = '3f786850e387550fdab836ed7e6dc881de23001b';

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `change-gate` in a child process with the URL and token in its
 * environment, as the GitHub Actions example does. `onStdout` sees the
 * output as it comes, so a test can act while `wait` polls.
 */
function changeGate(
  url: string,
  args: string[],
  onStdout?: (soFar: string) => void,
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    // Only PATH from this environment: jest's NODE_OPTIONS stay out.
    const child = spawn(process.execPath, [CLI, ...args], {
      env: {
        PATH: process.env.PATH,
        CHANGE_GATE_URL: url,
        CHANGE_GATE_TOKEN: PIPELINE_TOKEN,
      },
    });
    const result: CliResult = { code: null, stdout: '', stderr: '' };
    child.stdout.setEncoding('utf8').on('data', chunk => {
      result.stdout += chunk;
      onStdout?.(result.stdout);
    });
    child.stderr.setEncoding('utf8').on('data', chunk => {
      result.stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', code => resolve({ ...result, code }));
  });
}

/** A URL where nothing listens: a port that was free a moment ago. */
async function downUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

describe('the change-gate CLI against the plugin', () => {
  // The CLI only sees HTTP; the store's dialects are covered by the store
  // tests, so one database is enough here.
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let h: Harness;
  let url: string;

  beforeAll(async () => {
    h = await startChangeManagement({
      knex: await databases.init('SQLITE_3'),
      changeManagement: { ci: { allowRecording: true } },
    });
    url = `http://127.0.0.1:${(h.server.address() as AddressInfo).port}`;
  });

  afterEach(() => h.clock.set(OPEN_TIME));

  it('check exits 1 with the reasons for a submitted change', async () => {
    const change = await changeIn(h, 'standard', 'in_review');
    const result = await changeGate(url, [
      'check',
      '--change',
      change.id,
      '--env',
      'production',
    ]);
    expect(result).toEqual({
      code: 1,
      stdout: `Refused: change ${change.id} (in_review) may not deploy to production:\n- Waiting for a peer review by an engineer other than the author\n`,
      stderr: '',
    });
  });

  it('check exits 0 for staging once the change is approved', async () => {
    const change = await changeIn(h, 'standard', 'approved');
    const result = await changeGate(url, [
      'check',
      '--change',
      change.id,
      '--env',
      'staging',
    ]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
  });

  it('wait exits 0 once the CTO signs off while it polls', async () => {
    const change = await changeIn(h, 'standard', 'staging_verified');
    let signedOff: Promise<unknown> | undefined;
    const result = await changeGate(
      url,
      ['wait', '--change', change.id, '--env', 'production'].concat([
        '--timeout',
        '30s',
        '--interval',
        '100ms',
      ]),
      soFar => {
        // Sign off only after the first refused poll, so the wait sees both.
        if (!signedOff && soFar.includes('next check')) {
          signedOff = h.act('carol', change.id, 'sign-off', {
            ...actionFields['sign-off'],
          });
        }
      },
    );
    await signedOff;
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^\[\d+ms\] staging_verified: Waiting for CTO sign-off for production \(next check in 100ms\)$/,
    );
    expect(lines[lines.length - 1]).toMatch(
      new RegExp(
        `^\\[[^\\]]+\\] Allowed: change ${change.id} \\(ready_for_production\\) may deploy to production\\.$`,
      ),
    );
  });

  it('wait exits 2 when the gate is still closed at the timeout', async () => {
    const change = await changeIn(h, 'standard', 'approved');
    const started = Date.now();
    const result = await changeGate(url, [
      'wait',
      '--change',
      change.id,
      '--env',
      'production',
      '--timeout',
      '1s',
      '--interval',
      '250ms',
    ]);
    expect(result.code).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(result.stderr).toBe(
      `Timed out after 1s: change ${change.id} is approved: Waiting for the author or another engineer to record the staging results\n`,
    );
    // Each poll prints a line with the state and the first reason. How many
    // fit in the second depends on the machine's speed, so the count of
    // polls and their spacing are tested in change-gate's own wait.test.js,
    // against a server that answers at once.
    expect(result.stdout).toMatch(
      /^\[\d+m?s\] approved: Waiting for the author or another engineer to record the staging results/,
    );
  });

  it('record-deploy exits 0 and the deploy is recorded as the pipeline', async () => {
    const change = await changeIn(h, 'standard', 'ready_for_production');
    const result = await changeGate(url, [
      'record-deploy',
      '--change',
      change.id,
      '--ref',
      RUN_URL,
      '--sha',
      SHA,
    ]);
    expect(result).toEqual({
      code: 0,
      stdout: `Recorded the deploy of change ${change.id} (now deployed).\n`,
      stderr: '',
    });
    const events = await h.as('alice').get(`/changes/${change.id}/events`);
    expect(events.body.items.at(-1)).toMatchObject({
      action: 'deploy',
      fromState: 'ready_for_production',
      toState: 'deployed',
      actor: PIPELINE_SUBJECT,
      fields: { deploymentRef: RUN_URL, commitSha: SHA },
    });
  });

  it('record-deploy exits 1 with the FreezeError in a freeze', async () => {
    const change = await changeIn(h, 'standard', 'ready_for_production');
    h.clock.set('2026-10-15T09:00:00.000Z');
    const result = await changeGate(url, [
      'record-deploy',
      '--change',
      change.id,
      '--ref',
      RUN_URL,
      '--sha',
      SHA,
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^FreezeError: Production deploys of standard changes are .*\n$/,
    );
    const current = await h.as('alice').get(`/changes/${change.id}`);
    expect(current.body.state).toBe('ready_for_production');
  });

  it.each([
    ['check', ['check', '--env', 'production']],
    ['record-deploy', ['record-deploy', '--ref', RUN_URL, '--sha', SHA]],
  ])('%s exits 3 with one line when the backend is down', async (_, args) => {
    const down = await downUrl();
    const result = await changeGate(down, [...args, '--change', 'c-1']);
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      new RegExp(`^Cannot reach ${down}/\\S+: connection refused\\n$`),
    );
  });
});
