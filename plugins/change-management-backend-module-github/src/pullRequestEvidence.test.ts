/* eslint-disable @backstage/no-relative-monorepo-imports -- the tests drive the
   real backend with its own harness */
import { createTestDatabases } from '../../change-management-backend/src/__testUtils__/testDatabases';
import { useFakeGithub } from './__testUtils__/githubFake';
import {
  at,
  draft,
  FIELDS,
  githubHolds as holds,
  HEAD,
  MERGE,
  PR_42,
  REPO,
  RUN,
  startWithGithub,
  withSlug,
} from './__testUtils__/pullRequestScenario';

jest.setTimeout(60_000);

const github = useFakeGithub();

describe('the pull request as evidence', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    const start = async (entities?: ReturnType<typeof withSlug>) =>
      startWithGithub({ knex: await databases.init(databaseId), entities });
    const githubHolds = (options: Parameters<typeof holds>[1]) =>
      holds(github, options);

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
      expect(before.body).toEqual({
        url: PR_42,
        reader: true,
        snapshot: null,
        warnings: [],
      });
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
