/* eslint-disable @backstage/no-relative-monorepo-imports -- the tests drive the
   real backend with its own harness */
import { pullRequestWarnings } from '@trove/backstage-plugin-change-management-common';
import { createTestDatabases } from '../../change-management-backend/src/__testUtils__/testDatabases';
import { useFakeGithub } from './__testUtils__/githubFake';
import {
  draft,
  FIELDS,
  githubHolds as holds,
  startWithGithub,
} from './__testUtils__/pullRequestScenario';

jest.setTimeout(60_000);

const github = useFakeGithub();

// Issue 20: the CTO's queue warns of an unmerged, unapproved or failing PR
// from the snapshot kept at the review, and asks GitHub nothing.
describe("the pull request's warnings in the approval queue", () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    const githubHolds = (options: Parameters<typeof holds>[1]) =>
      holds(github, options);

    const reviewed = async (
      h: Awaited<ReturnType<typeof startWithGithub>>,
      body: Record<string, unknown>,
    ) => {
      const { body: change } = await h.as('alice').post('/changes', body);
      if (!change.id) throw new Error(JSON.stringify(change));
      await h.act('alice', change.id, 'submit', {});
      await h.act('bob', change.id, 'review', FIELDS.review);
      return change.id as string;
    };

    it("lists the judge's warnings of the snapshot kept, reading nothing of GitHub", async () => {
      githubHolds({ merged: false, reviews: [], checks: ['failure'] });
      const h = await startWithGithub({
        knex: await databases.init(databaseId),
      });
      const linked = await reviewed(h, draft);
      // A PR on a host that no integration reads: no snapshot is kept.
      const other = await reviewed(h, {
        ...draft,
        pullRequestUrl: 'https://git.example.com/acme/payments-service/pull/7',
      });
      const { body: events } = await h
        .as('alice')
        .get(`/changes/${linked}/events`);
      const atReview = events.items.find((e: any) => e.action === 'review')
        .fields.pullRequest;

      // The submit and the review read it.
      const before = github.requests();
      expect(before).toBeGreaterThan(0);
      const queue = await h.as('carol').get('/changes?needsActionBy=me');
      expect(queue.status).toBe(200);
      expect(github.requests()).toBe(before);
      const byId = new Map<string, any>(
        queue.body.items.map((c: any) => [c.id, c]),
      );
      expect([...byId.keys()].sort()).toEqual([linked, other].sort());
      // The one judge's words, as the change page's card shows them.
      expect(byId.get(linked).pullRequestWarnings).toEqual(
        pullRequestWarnings(atReview),
      );
      expect(
        byId.get(linked).pullRequestWarnings.map((w: any) => w.code),
      ).toEqual(['not-merged', 'failing-checks', 'no-approval']);
      expect(byId.get(other)).not.toHaveProperty('pullRequestWarnings');

      // Merged, approved and green on refresh: nothing to warn of.
      githubHolds({ reviews: [['bob', 'APPROVED']], checks: ['success'] });
      await h.as('carol').post(`/changes/${linked}/pull-request/refresh`, {});
      const after = await h.as('carol').get('/changes?needsActionBy=me');
      const refreshed = after.body.items.find((c: any) => c.id === linked);
      expect(refreshed.pullRequestWarnings).toEqual([]);
    });

    it('lists no warnings from the snapshot of a PR the change no longer links', async () => {
      githubHolds({ merged: false, reviews: [], checks: [] });
      const h = await startWithGithub({
        knex: await databases.init(databaseId),
      });
      const { body: change } = await h.as('alice').post('/changes', draft);
      await h
        .as('alice')
        .post(`/changes/${change.id}/pull-request/refresh`, {});
      const listed = async () =>
        (await h.as('alice').get('/changes?author=user:default/alice')).body
          .items[0];
      expect((await listed()).pullRequestWarnings).toHaveLength(2);
      // An edit that unlinks the PR leaves its old snapshot unused.
      const { pullRequestUrl: _none, ...unlinked } = draft;
      const edited = await h.as('alice').patch(`/changes/${change.id}`, {
        ...unlinked,
        version: change.version,
      });
      expect(edited.status).toBe(200);
      expect(await listed()).not.toHaveProperty('pullRequestWarnings');
    });
  });
});
