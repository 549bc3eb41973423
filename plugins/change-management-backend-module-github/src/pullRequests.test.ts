/* eslint-disable @backstage/no-relative-monorepo-imports -- the tests drive the
   real backend with its own harness */
import { startChangeManagement } from '../../change-management-backend/src/__testUtils__/harness';
import { createTestDatabases } from '../../change-management-backend/src/__testUtils__/testDatabases';
import { pullRequest } from './__fixtures__/pullRequest';
import { useFakeGithub } from './__testUtils__/githubFake';
import { changeManagementModuleGithub } from './module';

jest.setTimeout(60_000);

const github = useFakeGithub();

const PR_42 = 'https://github.com/acme/payments-service/pull/42';

const draft = {
  type: 'standard',
  title: 'Upgrade the PSP SDK to v5',
  description: 'Moves payments-service to PSP SDK v5 for 3DS2 support.',
  risks: 'Refund calls change shape; a mistake could fail refunds.',
  testingNotes: 'Unit tests and a local run against the PSP sandbox.',
  pullRequestUrl: PR_42,
  affectedEntityRefs: ['component:default/payments-service'],
};

describe('the pull request, read on submit', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    const start = async () =>
      startChangeManagement({
        knex: await databases.init(databaseId),
        changeManagement: {
          roles: { cto: ['group:default/cto'] },
          github: { verifyPullRequests: true },
        },
        config: {
          app: { baseUrl: 'https://backstage.example.com' },
          integrations: {
            github: [{ host: 'github.com', token: 'ghs_test_token' }],
          },
          events: { useEventBus: 'never' },
        },
        extraFeatures: [changeManagementModuleGithub],
      });

    /** Raises the draft and submits it, answering the submit. */
    const submit = async (pullRequestUrl: string) => {
      const h = await start();
      const raised = await h
        .as('alice')
        .post('/changes', { ...draft, pullRequestUrl });
      expect(raised.status).toBe(201);
      const res = await h
        .as('alice')
        .post(`/changes/${raised.body.id}/actions`, {
          action: 'submit',
          version: raised.body.version,
        });
      const after = await h.as('alice').get(`/changes/${raised.body.id}`);
      return { res, state: after.body.state };
    };

    it('submits a change whose pull request exists', async () => {
      github.setRepository('acme/payments-service', [
        pullRequest({
          repository: 'acme/payments-service',
          number: 42,
          headSha: 'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391',
          mergeCommitSha: null,
          state: 'open',
          mergedAt: null,
        }),
      ]);
      const { res, state } = await submit(PR_42);
      expect(res.status).toBe(200);
      expect(state).toBe('in_review');
    });

    it('refuses a pull request that does not exist, naming the field', async () => {
      github.setRepository('acme/payments-service', []);
      const { res, state } = await submit(PR_42);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({
        name: 'InputError',
        message: 'Pull request #42 does not exist in acme/payments-service',
        issues: [
          {
            path: 'pullRequestUrl',
            message: 'Pull request #42 does not exist in acme/payments-service',
          },
        ],
      });
      expect(state).toBe('draft');
    });

    it('refuses a private repository the integration cannot reach', async () => {
      // acme/ledger is not among the repositories the token may read.
      const { res, state } = await submit(
        'https://github.com/acme/ledger/pull/7',
      );
      expect(res.status).toBe(400);
      expect(res.body.error.issues).toEqual([
        {
          path: 'pullRequestUrl',
          message:
            'The GitHub integration cannot reach the repository acme/ledger: it does not exist, or the integration has no access to it',
        },
      ]);
      expect(state).toBe('draft');
    });
  });
});
