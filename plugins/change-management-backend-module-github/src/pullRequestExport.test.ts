/* eslint-disable @backstage/no-relative-monorepo-imports -- the tests drive the
   real backend with its own harness */
import { createTestDatabases } from '../../change-management-backend/src/__testUtils__/testDatabases';
import { useFakeGithub } from './__testUtils__/githubFake';
import {
  draft,
  FIELDS,
  githubHolds as holds,
  PR_42,
  RUN,
  startWithGithub,
} from './__testUtils__/pullRequestScenario';

jest.setTimeout(60_000);

const github = useFakeGithub();

const YEAR = 'from=2026-01-01&to=2027-01-01';

// Issue 20: the change log carries the PR as the deploy event recorded it,
// not as an earlier signature saw it nor as the page last read it.
describe('the export of the pull request at deploy', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    const githubHolds = (options: Parameters<typeof holds>[1]) =>
      holds(github, options);

    /** Takes the draft to sign-off, lets `beforeDeploy` run, deploys. */
    const deployed = async (beforeDeploy: () => void) => {
      const h = await startWithGithub({
        knex: await databases.init(databaseId),
      });
      const { body: change } = await h.as('alice').post('/changes', draft);
      if (!change.id) throw new Error(JSON.stringify(change));
      for (const [user, action] of RUN) {
        if (action === 'deploy') beforeDeploy();
        await h.act(user, change.id, action, FIELDS[action] ?? {});
      }
      return { h, id: change.id as string };
    };

    const exported = async (h: Awaited<ReturnType<typeof deployed>>['h']) => {
      const json = await h.as('oscar').get(`/export?${YEAR}&format=json`);
      expect(json.status).toBe(200);
      const csv = await h.as('oscar').get(`/export?${YEAR}`);
      expect(csv.status).toBe(200);
      return {
        json: json.body.items as Record<string, string>[],
        csvLines: csv.text.split('\n'),
      };
    };

    it("writes the deploy's snapshot: state, approvers and checks", async () => {
      // Unapproved and failing at the review and approval ...
      githubHolds({ merged: false, reviews: [], checks: ['failure'] });
      const { h, id } = await deployed(() =>
        // ... merged, approved twice and green by the deploy.
        githubHolds({
          reviews: [
            ['bob', 'APPROVED'],
            ['dana', 'APPROVED'],
          ],
          checks: ['success', 'success', 'skipped'],
        }),
      );
      // The page's snapshot moves on after the deploy; the log does not.
      githubHolds({ merged: true, reviews: [], checks: ['failure'] });
      const refreshed = await h
        .as('alice')
        .post(`/changes/${id}/pull-request/refresh`, {});
      expect(refreshed.body.snapshot.approvals).toEqual([]);

      const { json, csvLines } = await exported(h);
      expect(json).toHaveLength(1);
      expect(json[0]).toMatchObject({
        id,
        pullRequestAtDeploy: PR_42,
        pullRequestStateAtDeploy: 'merged',
        pullRequestApproversAtDeploy: 'bob, dana',
        pullRequestChecksAtDeploy:
          'build: success, test: success, lint: skipped',
      });
      // Appended after the risk's columns, which keep their places.
      expect(csvLines[0]).toMatch(
        /,Risk score,Pull request at deploy,Pull request state at deploy,Pull request approvers at deploy,Pull request checks at deploy\r?$/,
      );
      expect(
        csvLines[1].endsWith(
          `,${PR_42},merged,"bob, dana","build: success, test: success, lint: skipped"`,
        ),
      ).toBe(true);
    });

    it('leaves the columns empty when the deploy could not read the PR, or before a deploy', async () => {
      githubHolds({ reviews: [['bob', 'APPROVED']], checks: ['success'] });
      // GitHub no longer knows the repository when the deploy reads it.
      const { h, id } = await deployed(() => github.reset());
      const { body: events } = await h.as('alice').get(`/changes/${id}/events`);
      const deploy = events.items.find((e: any) => e.action === 'deploy');
      expect(deploy.fields.pullRequest).toBeUndefined();
      // A second change, linking the PR, reviewed with a snapshot but not
      // deployed.
      githubHolds({ reviews: [['bob', 'APPROVED']], checks: ['success'] });
      const { body: open } = await h.as('alice').post('/changes', draft);
      await h.act('alice', open.id, 'submit', {});
      await h.act('bob', open.id, 'review', FIELDS.review);

      const { json } = await exported(h);
      expect(json.map(r => r.id).sort()).toEqual([id, open.id].sort());
      for (const row of json) {
        expect(row).toMatchObject({
          pullRequestAtDeploy: '',
          pullRequestStateAtDeploy: '',
          pullRequestApproversAtDeploy: '',
          pullRequestChecksAtDeploy: '',
        });
      }
    });
  });
});
