/* eslint-disable @backstage/no-relative-monorepo-imports -- the tests drive the
   real backend with its own harness and workflow driver */
import { TestDatabaseId } from '@backstage/backend-test-utils';
import { appendFileSync } from 'node:fs';
import knexFactory from 'knex';
import { changeIn } from '../../change-management-backend/src/__testUtils__/changeIn';
import { actionFields } from '../../change-management-backend/src/__testUtils__/changes';
import { createTestDatabases } from '../../change-management-backend/src/__testUtils__/testDatabases';
import { deploymentProtectionRule } from './__fixtures__/deploymentProtectionRule';
import { signedWebhook, useFakeGithub } from './__testUtils__/githubFake';
import {
  deliver,
  GithubHarness,
  startWithGithub,
} from './__testUtils__/githubBackend';
import { RECHECK_TASK_ID } from './HeldDeployments';

jest.setTimeout(90_000);

const github = useFakeGithub();

/** Inside the default Oct 1 to Jan 1 freeze, and after it. */
const FROZEN_TIME = '2026-12-10T09:00:00.000Z';
const AFTER_FREEZE = '2027-01-05T09:00:00.000Z';
const SHA = 'a10867b14bb761a232cd80139fbd4c0d33264240';

const webhookFor = (changeId: string) =>
  signedWebhook(
    'deployment_protection_rule',
    deploymentProtectionRule({ payload: { changeId } }),
  );

/**
 * With GITHUB_TRACES=<file>, each scenario appends its trace there: the
 * webhook in, the gate's answers to the module, the callbacks out.
 */
function trace(title: string, webhook: ReturnType<typeof signedWebhook>) {
  const file = process.env.GITHUB_TRACES;
  if (!file) return;
  const body = JSON.parse(webhook.text);
  const lines = [
    `## ${title}`,
    `webhook in: ${webhook.headers['x-github-event']} ${JSON.stringify({
      action: body.action,
      repository: body.repository.full_name,
      environment: body.environment,
      deployment: {
        sha: body.deployment.sha,
        payload: body.deployment.payload,
      },
      deployment_callback_url: body.deployment_callback_url,
    })}`,
    ...github.timeline,
    '',
  ];
  appendFileSync(file, `${lines.join('\n')}\n`);
}

describe('GitHub deployment answers, through the outbox', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    const start = async (now?: string, allowRecording = false) =>
      startWithGithub({
        knex: await databases.init(databaseId),
        eventsKnex: await databases.init('SQLITE_3'),
        now,
        allowRecording,
      });

    it('tries a failed callback again, and it succeeds', async () => {
      const h = await start();
      const ready = await changeIn(h, 'standard', 'ready_for_production');
      github.failCallbacks(1);
      await deliver(h, webhookFor(ready.id));
      expect(github.failedCallbacks()).toBe(1);
      expect(github.calls).toEqual([]);
      // The outbox's backoff: 1 s after the first failure.
      h.clock.set('2026-06-10T09:00:05.000Z');
      await h.drain();
      expect(github.calls.map(c => c.body.state)).toEqual(['approved']);
      trace(
        'An allowed deployment (its first callback failed)',
        webhookFor(ready.id),
      );
    });

    it('answers a redelivered webhook once', async () => {
      const h = await start();
      const ready = await changeIn(h, 'standard', 'ready_for_production');
      const webhook = webhookFor(ready.id);
      await deliver(h, webhook);
      await deliver(h, { ...webhook, headers: { ...webhook.headers } });
      expect(github.calls.map(c => c.body.state)).toEqual(['approved']);
      expect(await h.count('change_github_deployment_requests')).toBe(1);
    });

    it('rejects a change refused for good', async () => {
      const h = await start();
      const rejected = await changeIn(h, 'standard', 'rejected');
      await deliver(h, webhookFor(rejected.id));
      expect(github.calls.map(c => c.body.state)).toEqual(['rejected']);
      trace('A refused deployment', webhookFor(rejected.id));
    });

    it('answers a held deployment again when the CTO signs off', async () => {
      const h = await start();
      const verified = await changeIn(h, 'standard', 'staging_verified');
      await deliver(h, webhookFor(verified.id));
      expect(github.calls.map(c => c.body)).toEqual([
        expect.not.objectContaining({ state: expect.anything() }),
      ]);
      expect(github.calls[0].body.comment).toMatch(/CTO sign-off/);
      // The action's event reaches the module; the outbox judges again.
      github.note('(carol, the CTO, signs off)');
      await h.act('carol', verified.id, 'sign-off', actionFields['sign-off']);
      expect(github.calls.map(c => c.body.state)).toEqual([
        undefined,
        'approved',
      ]);
      // A later action says nothing new.
      github.note('(alice records the deploy)');
      await h.act('alice', verified.id, 'deploy', actionFields.deploy);
      expect(github.calls).toHaveLength(2);
      trace(
        'A held deployment, approved when the CTO signs off',
        webhookFor(verified.id),
      );
    });

    it('answers a deployment held by the freeze once it ends', async () => {
      const h = await start(FROZEN_TIME);
      expect(h.scheduledTask(RECHECK_TASK_ID)).toMatchObject({
        scope: 'global',
      });
      const ready = await changeIn(h, 'standard', 'ready_for_production');
      await deliver(h, webhookFor(ready.id));
      await h.runTask(RECHECK_TASK_ID);
      await h.drain();
      // Still frozen: nothing new to tell.
      expect(github.calls.map(c => c.body.state)).toEqual([undefined]);
      h.clock.set(AFTER_FREEZE);
      await h.runTask(RECHECK_TASK_ID);
      await h.drain();
      await h.runTask(RECHECK_TASK_ID);
      await h.drain();
      expect(github.calls.map(c => c.body.state)).toEqual([
        undefined,
        'approved',
      ]);
    });

    it('finds the change by the commit its recorded deploy names', async () => {
      const h = await start();
      const ready = await changeIn(h, 'standard', 'ready_for_production');
      // A pipeline recorded the deploy with a short SHA.
      await h.act('alice', ready.id, 'deploy', {
        ...actionFields.deploy,
        commitSha: SHA.slice(0, 12),
      });
      await changeIn(h, 'standard', 'ready_for_production');
      // No change id, and no pull request of the commit.
      await deliver(
        h,
        signedWebhook(
          'deployment_protection_rule',
          deploymentProtectionRule({ sha: SHA }),
        ),
      );
      expect(github.calls.map(c => [c.body.state, c.body.comment])).toEqual([
        [
          'rejected',
          expect.stringContaining(`/change-management/changes/${ready.id}`),
        ],
      ]);
      expect(github.calls[0].body.comment).toMatch(/Already deployed/);
    });
  });

  const postgres = databases
    .eachSupportedId()
    .filter(([id]) => id.startsWith('POSTGRES'));
  const none: [TestDatabaseId][] = [['POSTGRES_15']];

  (postgres.length ? describe.each(postgres) : describe.skip.each(none))(
    '%p, two backends',
    databaseId => {
      it('answer a deployment that becomes allowed exactly once', async () => {
        const knex = await databases.init(databaseId);
        const otherPool = knexFactory(knex.client.config);
        try {
          const a = await startWithGithub({
            knex,
            eventsKnex: await databases.init('SQLITE_3'),
          });
          const b: GithubHarness = await startWithGithub({
            knex: otherPool,
            eventsKnex: await databases.init('SQLITE_3'),
          });
          const verified = await changeIn(a, 'standard', 'staging_verified');
          await deliver(a, webhookFor(verified.id));
          await deliver(b, webhookFor(verified.id));
          expect(github.calls).toHaveLength(1);

          // The CTO signs off on one; both re-check and deliver at once.
          const current = await b.as('carol').get(`/changes/${verified.id}`);
          const signed = await b
            .as('carol')
            .post(`/changes/${verified.id}/actions`, {
              action: 'sign-off',
              version: current.body.version,
              ...actionFields['sign-off'],
            });
          expect(signed.status).toBe(200);
          await Promise.all([
            a.runTask(RECHECK_TASK_ID),
            b.runTask(RECHECK_TASK_ID),
            a.drain(),
            b.drain(),
          ]);
          await Promise.all([a.drain(), b.drain()]);
          await Promise.all([
            a.runTask(RECHECK_TASK_ID),
            b.runTask(RECHECK_TASK_ID),
          ]);
          await Promise.all([a.drain(), b.drain()]);

          expect(github.calls.map(c => c.body.state)).toEqual([
            undefined,
            'approved',
          ]);
        } finally {
          await otherPool.destroy();
        }
      });
    },
  );
});
