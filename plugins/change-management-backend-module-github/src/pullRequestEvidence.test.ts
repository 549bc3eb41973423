/* eslint-disable @backstage/no-relative-monorepo-imports -- the tests drive the
   real backend with its own harness */
import { Entity } from '@backstage/catalog-model';
import { startChangeManagement } from '../../change-management-backend/src/__testUtils__/harness';
import { sampleEntities } from '../../change-management-backend/src/__testUtils__/sampleCatalog';
import { createTestDatabases } from '../../change-management-backend/src/__testUtils__/testDatabases';
import { pullRequest } from './__fixtures__/pullRequest';
import { checkRun, review } from './__fixtures__/reviews';
import { fakeGithub } from './__testUtils__/githubFake';
import { changeManagementModuleGithub } from './module';

jest.setTimeout(60_000);

const github = fakeGithub();
beforeAll(() => github.listen());
afterEach(() => github.reset());
afterAll(() => github.close());

const REPO = 'acme/payments-service';
const PR_42 = `https://github.com/${REPO}/pull/42`;
const HEAD = 'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391';
const MERGE = '9fceb02d0ae598e95dc970b74767f19372d61af8';

const draft = {
  type: 'standard',
  title: 'Upgrade the PSP SDK to v5',
  description: 'Moves payments-service to PSP SDK v5 for 3DS2 support.',
  risks: 'Refund calls change shape; a mistake could fail refunds.',
  testingNotes: 'Unit tests and a local run against the PSP sandbox.',
  pullRequestUrl: PR_42,
  affectedEntityRefs: ['component:default/payments-service'],
};

/** The standard path from submit to deploy, each step by its actor. */
const RUN = [
  ['alice', 'submit'],
  ['bob', 'review'],
  ['carol', 'approve'],
  ['alice', 'record-staging'],
  ['carol', 'sign-off'],
  ['bob', 'deploy'],
] as const;

const FIELDS: Record<string, Record<string, unknown>> = {
  review: { comment: 'Looks good' },
  approve: { comment: 'Approved' },
  'record-staging': {
    functionalTested: true,
    regressionChecked: true,
    noUnexpectedSideEffects: true,
    stagingTested: 'yes',
  },
  'sign-off': { comment: 'Go' },
  deploy: { deploymentRef: 'https://ci.example.com/runs/7', commitSha: MERGE },
};

const at = (minute: number) =>
  `2026-06-09T15:${String(minute).padStart(2, '0')}:00Z`;

/** GitHub holds PR #42 (merged by default) with these reviews and checks. */
function githubHolds(options: {
  merged?: boolean;
  reviews: Parameters<typeof review>[0]['state'][] | [string, string][];
  checks: Parameters<typeof checkRun>[0]['conclusion'][];
}) {
  const merged = options.merged ?? true;
  github.setRepository(REPO, [
    pullRequest({
      repository: REPO,
      number: 42,
      headSha: HEAD,
      mergeCommitSha: MERGE,
      state: merged ? 'closed' : 'open',
      mergedAt: merged ? '2026-06-09T16:00:00Z' : null,
    }),
  ]);
  github.setReviews(
    REPO,
    42,
    (options.reviews as [string, string][]).map(([reviewer, state], i) =>
      review({
        repository: REPO,
        number: 42,
        reviewer,
        state: state as any,
        submittedAt: at(10 + i),
        commitId: HEAD,
      }),
    ),
  );
  github.setCheckRuns(
    REPO,
    HEAD,
    options.checks.map((conclusion, i) =>
      checkRun({
        name: ['build', 'test', 'lint'][i],
        headSha: HEAD,
        conclusion,
        startedAt: at(20 + i),
        completedAt: at(30 + i),
      }),
    ),
  );
}

/** payments-service naming its repository, as the GitHub plugin reads it. */
const withSlug = (slug: string): Entity[] =>
  sampleEntities.map(entity =>
    entity.metadata.name === 'payments-service'
      ? {
          ...entity,
          metadata: {
            ...entity.metadata,
            annotations: { 'github.com/project-slug': slug },
          },
        }
      : entity,
  );

describe('the pull request as evidence', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    const start = async (entities?: Entity[]) =>
      startChangeManagement({
        knex: await databases.init(databaseId),
        entities,
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

    /** Raises the draft and takes it through the run, to deploy. */
    const deployed = async () => {
      const h = await start();
      const { body: change } = await h.as('alice').post('/changes', draft);
      if (!change.id) throw new Error(JSON.stringify(change));
      for (const [user, action] of RUN) {
        await h.act(user, change.id, action, FIELDS[action] ?? {});
      }
      const { body: events } = await h
        .as('alice')
        .get(`/changes/${change.id}/events`);
      return { h, id: change.id as string, events: events.items as any[] };
    };

    it('records a merged PR with two approvals and green checks at each signature', async () => {
      githubHolds({
        reviews: [
          ['bob', 'APPROVED'],
          ['dana', 'CHANGES_REQUESTED'],
          ['dana', 'APPROVED'],
          ['oscar', 'COMMENTED'],
        ],
        checks: ['success', 'success', 'skipped'],
      });
      const { h, id, events } = await deployed();
      const recorded = events
        .filter(e => e.fields.pullRequest)
        .map(e => e.action);
      expect(recorded).toEqual(['review', 'approve', 'sign-off', 'deploy']);
      const atDeploy = events.find(e => e.action === 'deploy').fields
        .pullRequest;
      expect(atDeploy).toMatchObject({
        url: PR_42,
        repository: REPO,
        number: 42,
        state: 'merged',
        author: 'alice',
        headSha: HEAD,
        mergeSha: MERGE,
        approvals: [
          { reviewer: 'bob', at: at(10) },
          { reviewer: 'dana', at: at(12) },
        ],
      });
      expect(atDeploy.checks.map((c: any) => c.conclusion)).toEqual([
        'success',
        'success',
        'skipped',
      ]);
      const page = await h.as('alice').get(`/changes/${id}/pull-request`);
      expect(page.body).toMatchObject({
        url: PR_42,
        snapshot: { state: 'merged' },
        warnings: [],
        deployedSha: MERGE,
      });
      const verified = await h.as('oscar').get('/audit/verify');
      expect(verified.body).toMatchObject({ ok: true });
    });

    it("does not count the author's own approval", async () => {
      githubHolds({ reviews: [['alice', 'APPROVED']], checks: ['success'] });
      const { events } = await deployed();
      const approve = events.find(e => e.action === 'approve');
      expect(approve.fields.pullRequest.approvals).toEqual([]);
    });

    it('warns of failing checks, no approval and an unmerged PR', async () => {
      githubHolds({
        merged: false,
        reviews: [],
        checks: ['success', 'failure'],
      });
      const h = await start();
      const { body: change } = await h.as('alice').post('/changes', draft);
      const before = await h
        .as('alice')
        .get(`/changes/${change.id}/pull-request`);
      // The page reads nothing of GitHub until asked to.
      expect(before.body).toEqual({ url: PR_42, snapshot: null, warnings: [] });
      const res = await h
        .as('alice')
        .post(`/changes/${change.id}/pull-request/refresh`, {});
      expect(res.status).toBe(200);
      expect(res.body.snapshot).toMatchObject({
        state: 'open',
        mergeSha: null,
      });
      expect(res.body.warnings).toEqual([
        { code: 'not-merged', message: 'Pull request #42 is open, not merged' },
        {
          code: 'failing-checks',
          message: 'Checks failing on the head commit: test (failure)',
        },
        {
          code: 'no-approval',
          message:
            'Pull request #42 has no approving review by someone other than its author',
        },
      ]);
    });

    it('refuses an edit that links a PR that does not exist, naming the field', async () => {
      githubHolds({ reviews: [], checks: [] });
      const h = await start();
      const { body: change } = await h.as('alice').post('/changes', draft);
      const res = await h.as('alice').patch(`/changes/${change.id}`, {
        ...draft,
        pullRequestUrl: `https://github.com/${REPO}/pull/43`,
        version: change.version,
      });
      expect(res.status).toBe(400);
      expect(res.body.error.issues).toEqual([
        {
          path: 'pullRequestUrl',
          message: 'Pull request #43 does not exist in acme/payments-service',
        },
      ]);
      const after = await h.as('alice').get(`/changes/${change.id}`);
      expect(after.body.pullRequestUrl).toBe(PR_42);
    });

    it('warns, and still raises, when no affected entity names the repository', async () => {
      githubHolds({ reviews: [], checks: [] });
      const h = await start(withSlug('acme/payments'));
      const raised = await h.as('alice').post('/changes', draft);
      expect(raised.status).toBe(201);
      expect(raised.body.pullRequestWarnings).toEqual([
        {
          code: 'repository-not-affected',
          message:
            'The pull request is in acme/payments-service, a repository none of the affected entities names (github.com/project-slug: acme/payments)',
        },
      ]);
      const named = await (await start(withSlug(REPO)))
        .as('alice')
        .post('/changes', draft);
      expect(named.body.pullRequestWarnings).toEqual([]);
    });
  });
});
