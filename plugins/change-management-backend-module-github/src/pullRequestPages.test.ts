/* eslint-disable @backstage/no-relative-monorepo-imports -- the tests drive the
   real backend with its own harness */
import { createTestDatabases } from '../../change-management-backend/src/__testUtils__/testDatabases';
import { pullRequest } from './__fixtures__/pullRequest';
import { checkRun, review } from './__fixtures__/reviews';
import { useFakeGithub } from './__testUtils__/githubFake';
import {
  draft,
  HEAD,
  MERGE,
  REPO,
  startWithGithub,
} from './__testUtils__/pullRequestScenario';

jest.setTimeout(60_000);

const github = useFakeGithub();

/** The i-th second after the PR was opened. */
const second = (i: number) =>
  new Date(Date.UTC(2026, 5, 9, 15, 0, i)).toISOString();

// Issue 20: reviews and check runs are read through every page, a hundred
// at a time, so what a later page holds still counts.
describe('a pull request with more than a page of reviews and checks', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it('reads the second page of each', async () => {
      github.setRepository(REPO, [
        pullRequest({
          repository: REPO,
          number: 42,
          headSha: HEAD,
          mergeCommitSha: MERGE,
          state: 'closed',
          mergedAt: '2026-06-09T16:00:00Z',
        }),
      ]);
      // Page one: dana asks for changes, then 109 comments; page two: dana
      // and bob approve.
      type State = Parameters<typeof review>[0]['state'];
      const reviews: [string, State][] = [
        ['dana', 'CHANGES_REQUESTED'],
        ...Array.from({ length: 109 }, (): [string, State] => [
          'oscar',
          'COMMENTED',
        ]),
        ['dana', 'APPROVED'],
        ['bob', 'APPROVED'],
      ];
      github.setReviews(
        REPO,
        42,
        reviews.map(([reviewer, state], i) =>
          review({
            repository: REPO,
            number: 42,
            reviewer,
            state,
            submittedAt: second(i),
            commitId: HEAD,
          }),
        ),
      );
      // 105 green checks, then a failing one on page two.
      github.setCheckRuns(REPO, HEAD, [
        ...Array.from({ length: 105 }, (_, i) =>
          checkRun({
            name: `unit-${i}`,
            headSha: HEAD,
            conclusion: 'success',
            startedAt: second(i),
            completedAt: second(i + 1),
          }),
        ),
        checkRun({
          name: 'e2e',
          headSha: HEAD,
          conclusion: 'failure',
          startedAt: second(0),
          completedAt: second(200),
        }),
      ]);
      const h = await startWithGithub({
        knex: await databases.init(databaseId),
      });
      const { body: change } = await h.as('alice').post('/changes', draft);
      const before = github.requests();
      const res = await h
        .as('alice')
        .post(`/changes/${change.id}/pull-request/refresh`, {});

      expect(res.status).toBe(200);
      // The pull request, then two pages of reviews and two of checks.
      expect(github.requests() - before).toBe(5);
      expect(res.body.snapshot.approvals).toEqual([
        { reviewer: 'dana', at: second(110) },
        { reviewer: 'bob', at: second(111) },
      ]);
      expect(res.body.snapshot.checks).toHaveLength(106);
      expect(res.body.warnings).toEqual([
        {
          code: 'failing-checks',
          message: 'Checks failing on the head commit: e2e (failure)',
        },
      ]);
    });
  });
});
