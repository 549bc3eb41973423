/* eslint-disable @backstage/no-relative-monorepo-imports -- the tests drive the
   real backend with its own harness and workflow driver */
import { changeIn } from '../../change-management-backend/src/__testUtils__/changeIn';
import { Harness } from '../../change-management-backend/src/__testUtils__/harness';
import { createTestDatabases } from '../../change-management-backend/src/__testUtils__/testDatabases';
import { deploymentProtectionRule } from './__fixtures__/deploymentProtectionRule';
import { pullRequest } from './__fixtures__/pullRequest';
import { deploymentStatus } from './__fixtures__/deploymentStatus';
import { signedWebhook, useFakeGithub } from './__testUtils__/githubFake';
import { deliver, startWithGithub } from './__testUtils__/githubBackend';

jest.setTimeout(60_000);

const github = useFakeGithub();

/** Inside the default Oct 1 to Jan 1 freeze. */
const FROZEN_TIME = '2026-12-10T09:00:00.000Z';

describe('GitHub Environments obey the gate', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    const start = async (now?: string, allowRecording = false) =>
      startWithGithub({
        knex: await databases.init(databaseId),
        eventsKnex: await databases.init('SQLITE_3'),
        now,
        allowRecording,
      });

    it('approves a deployment of a change the gate allows', async () => {
      const h = await start();
      const ready = await changeIn(h, 'standard', 'ready_for_production');
      const res = await deliver(
        h,
        signedWebhook(
          'deployment_protection_rule',
          deploymentProtectionRule({ payload: { changeId: ready.id } }),
        ),
      );
      expect(res.status).toBe(202);
      expect(github.calls).toEqual([
        {
          runId: '6512749872',
          repository: 'acme/payments-service',
          authorization: 'token ghs_test_token',
          body: {
            environment_name: 'production',
            state: 'approved',
            comment: `The change-management gate allows this deployment.\n\nChange: https://backstage.example.com/change-management/changes/${ready.id}`,
          },
        },
      ]);
    });

    it('holds one the freeze refuses with a status report of the gate reasons', async () => {
      const h = await start(FROZEN_TIME);
      const ready = await changeIn(h, 'standard', 'ready_for_production');
      const gate = await h.as('alice').get(`/gate?changeId=${ready.id}`);
      // The freeze ends: the gate's answer is not final, so GitHub is told
      // why it waits, without a state that would end the deployment.
      expect(gate.body).toMatchObject({ allowed: false, final: false });
      expect(gate.body.reasons.join(' ')).toMatch(/Production is frozen/);

      await deliver(
        h,
        signedWebhook(
          'deployment_protection_rule',
          deploymentProtectionRule({
            description: `Deploy for change ${ready.id}`,
          }),
        ),
      );
      expect(github.calls.map(c => c.body)).toEqual([
        {
          environment_name: 'production',
          comment: [
            'The change-management gate holds this deployment.',
            ...gate.body.reasons.map((r: string) => `- ${r}`),
            '',
            `Change: https://backstage.example.com/change-management/changes/${ready.id}`,
          ].join('\n'),
        },
      ]);
    });

    it('rejects one the gate refuses for good, with its reasons', async () => {
      const h = await start(FROZEN_TIME);
      const rejected = await changeIn(h, 'standard', 'rejected');
      const gate = await h.as('alice').get(`/gate?changeId=${rejected.id}`);
      expect(gate.body).toMatchObject({ allowed: false, final: true });

      await deliver(
        h,
        signedWebhook(
          'deployment_protection_rule',
          deploymentProtectionRule({ payload: { changeId: rejected.id } }),
        ),
      );
      expect(github.calls.map(c => c.body)).toEqual([
        {
          environment_name: 'production',
          state: 'rejected',
          comment: [
            'The change-management gate holds this deployment.',
            ...gate.body.reasons.map((r: string) => `- ${r}`),
            '',
            `Change: https://backstage.example.com/change-management/changes/${rejected.id}`,
          ].join('\n'),
        },
      ]);
    });

    it('posts a status report, with no state, while the change may yet be allowed', async () => {
      const h = await start();
      const inReview = await changeIn(h, 'standard', 'in_review');
      await deliver(
        h,
        signedWebhook(
          'deployment_protection_rule',
          deploymentProtectionRule({ payload: { changeId: inReview.id } }),
        ),
      );
      expect(github.calls).toHaveLength(1);
      expect(github.calls[0].body).not.toHaveProperty('state');
      expect(github.calls[0].body.comment).toMatch(/Waiting for a peer review/);
    });

    it('refuses a webhook with a bad signature and does nothing', async () => {
      const h = await start();
      const ready = await changeIn(h, 'standard', 'ready_for_production');
      const res = await deliver(
        h,
        signedWebhook(
          'deployment_protection_rule',
          deploymentProtectionRule({ payload: { changeId: ready.id } }),
          'not-the-secret',
        ),
      );
      // The events backend's GitHub module answers a bad signature 403.
      expect(res.status).toBe(403);
      expect(github.calls).toEqual([]);
    });

    it('ignores a deployment to a repository no config maps', async () => {
      const h = await start();
      const ready = await changeIn(h, 'standard', 'ready_for_production');
      for (const unmapped of [
        { repository: 'acme/storefront-web' },
        { environment: 'staging' },
      ]) {
        const res = await deliver(
          h,
          signedWebhook(
            'deployment_protection_rule',
            deploymentProtectionRule({
              ...unmapped,
              payload: { changeId: ready.id },
            }),
          ),
        );
        expect(res.status).toBe(202);
      }
      expect(github.calls).toEqual([]);
      expect(await h.count('change_github_deployment_requests')).toBe(0);
    });

    it('finds the change by the pull request whose merge commit is deployed', async () => {
      const h = await start();
      // The standard draft links acme/payments-service pull request 42.
      const ready = await changeIn(h, 'standard', 'ready_for_production');
      // A newer change, of another pull request, that the gate holds.
      await changeIn(h, 'standard', 'draft', {
        pullRequestUrl: 'https://github.com/acme/payments-service/pull/77',
      });
      const mergeSha = 'f1d2d2f924e986ac86fdf7b36c94bcdf32beec15';
      github.setPullsOfCommit('acme/payments-service', mergeSha, [
        pullRequest({
          repository: 'acme/payments-service',
          number: 41,
          headSha: '1111111111111111111111111111111111111111',
          mergeCommitSha: '2222222222222222222222222222222222222222',
        }),
        pullRequest({
          repository: 'acme/payments-service',
          number: 42,
          headSha: 'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391',
          mergeCommitSha: mergeSha,
        }),
      ]);
      // As a GitHub Actions job creates it: no payload, no description.
      await deliver(
        h,
        signedWebhook(
          'deployment_protection_rule',
          deploymentProtectionRule({ sha: mergeSha }),
        ),
      );
      expect(github.calls.map(c => [c.body.state, c.body.comment])).toEqual([
        [
          'approved',
          expect.stringContaining(`/change-management/changes/${ready.id}`),
        ],
      ]);
    });

    /** GitHub reports the deployment in progress, failed, then a success. */
    const reportStatuses = async (h: Harness, changeId: string) => {
      for (const state of ['in_progress', 'failure', 'success'] as const) {
        const res = await deliver(
          h,
          signedWebhook(
            'deployment_status',
            deploymentStatus({ state, payload: { changeId } }),
          ),
        );
        expect(res.status).toBe(202);
      }
    };

    it('records the deploy when GitHub reports it a success', async () => {
      const h = await start(undefined, true);
      const ready = await changeIn(h, 'standard', 'ready_for_production');
      await reportStatuses(h, ready.id);
      const { body } = await h.as('alice').get(`/changes/${ready.id}`);
      // Recorded once, for the success, by GitHub: the integration reads
      // with a token here, not an App (config.test.ts names an App).
      expect(body.state).toBe('deployed');
      expect(body.deployed).toMatchObject({
        by: 'github:github.com',
        deploymentRef:
          'https://github.com/acme/payments-service/actions/runs/6512749872/job/17690592310',
      });
      const events = await h.as('alice').get(`/changes/${ready.id}/events`);
      expect(JSON.stringify(events.body)).toContain(
        'a10867b14bb761a232cd80139fbd4c0d33264240',
      );
      expect(github.calls).toEqual([]);
    });

    it('records no deploy where pipelines may not record', async () => {
      const h = await start(undefined, false);
      const ready = await changeIn(h, 'standard', 'ready_for_production');
      await reportStatuses(h, ready.id);
      const { body } = await h.as('alice').get(`/changes/${ready.id}`);
      expect(body.state).toBe('ready_for_production');
    });

    it('rejects a deployment that names no change', async () => {
      const h = await start();
      await deliver(
        h,
        signedWebhook(
          'deployment_protection_rule',
          deploymentProtectionRule({}),
        ),
      );
      expect(github.calls.map(c => c.body.state)).toEqual(['rejected']);
      expect(github.calls[0].body.comment).toMatch(
        /No change names this deployment/,
      );
    });
  });
});
