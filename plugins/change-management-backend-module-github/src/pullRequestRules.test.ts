/* eslint-disable @backstage/no-relative-monorepo-imports -- the tests drive the
   real backend with its own harness */
import { createTestDatabases } from '../../change-management-backend/src/__testUtils__/testDatabases';
import { useFakeGithub } from './__testUtils__/githubFake';
import {
  draft,
  FIELDS,
  githubHolds,
  MERGE,
  PR_42,
  RUN,
  startWithGithub,
} from './__testUtils__/pullRequestScenario';

jest.setTimeout(60_000);

const github = useFakeGithub();

const GREEN = {
  reviews: [
    ['bob', 'APPROVED'],
    ['dana', 'APPROVED'],
  ] as [string, string][],
  checks: ['success' as const],
};

describe('the pull request at sign-off, deploy and in the evidence', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    /** A change taken through the run up to, not including, `last`. */
    const upTo = async (last: string, github$: Record<string, unknown>) => {
      const h = await startWithGithub({
        knex: await databases.init(databaseId),
        github: github$,
      });
      const { body: change } = await h.as('alice').post('/changes', draft);
      for (const [user, action] of RUN) {
        if (action === last) break;
        await h.act(user, change.id, action, FIELDS[action] ?? {});
      }
      return { h, id: change.id as string };
    };

    it('refuses a sign-off while the PR is not merged, naming the rule, when configured', async () => {
      githubHolds(github, { ...GREEN, merged: false });
      const { h, id } = await upTo('sign-off', {
        requireMergedPullRequest: true,
      });
      const current = await h.as('carol').get(`/changes/${id}`);
      const res = await h.as('carol').post(`/changes/${id}/actions`, {
        action: 'sign-off',
        version: current.body.version,
        comment: 'Go',
      });
      const message =
        'changeManagement.github.requireMergedPullRequest: pull request #42 is open, not merged';
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({
        name: 'InputError',
        message,
        issues: [{ path: 'pullRequestUrl', message }],
      });
      expect((await h.as('carol').get(`/changes/${id}`)).body.state).toBe(
        current.body.state,
      );
      // Merged now: the same sign-off goes through.
      githubHolds(github, GREEN);
      await h.act('carol', id, 'sign-off', FIELDS['sign-off']);
    });

    it('refuses a sign-off with failing checks when configured, and only warns otherwise', async () => {
      githubHolds(github, { ...GREEN, checks: ['success', 'failure'] });
      const ruled = await upTo('sign-off', { requireGreenChecks: true });
      const current = await ruled.h.as('carol').get(`/changes/${ruled.id}`);
      const res = await ruled.h
        .as('carol')
        .post(`/changes/${ruled.id}/actions`, {
          action: 'sign-off',
          version: current.body.version,
          comment: 'Go',
        });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        'changeManagement.github.requireGreenChecks: test (failure) on the head commit of pull request #42 failed',
      );
      const warned = await upTo('sign-off', {});
      await warned.h.act('carol', warned.id, 'sign-off', FIELDS['sign-off']);
      const page = await warned.h
        .as('carol')
        .get(`/changes/${warned.id}/pull-request`);
      expect(page.body.warnings.map((w: any) => w.code)).toEqual([
        'failing-checks',
      ]);
    });

    it('puts the PR as each signature saw it in the evidence packet, and says whether the deployed commit matches', async () => {
      githubHolds(github, GREEN);
      const { h, id } = await upTo('deploy', {});
      await h.act('bob', id, 'deploy', {
        ...FIELDS.deploy,
        commitSha: 'c0ffee0c0ffee0c0ffee0c0ffee0c0ffee0c0ffe',
      });
      const json = await h.as('carol').get(`/audit/evidence/${id}?format=json`);
      expect(json.status).toBe(200);
      const seen = json.body.pullRequest;
      expect(seen.map((s: any) => [s.action, s.snapshot.state])).toEqual([
        ['review', 'merged'],
        ['approve', 'merged'],
        ['sign-off', 'merged'],
        ['deploy', 'merged'],
      ]);
      expect(seen[3].snapshot.approvals.map((a: any) => a.reviewer)).toEqual([
        'bob',
        'dana',
      ]);
      expect(seen[3].warnings).toEqual([
        {
          code: 'commit-mismatch',
          message: `The deployed commit c0ffee0c0ffe is not the pull request's merge commit ${MERGE.slice(
            0,
            12,
          )}`,
        },
      ]);
      expect(seen[2].warnings).toEqual([]);
      const html = await h.as('carol').get(`/audit/evidence/${id}`);
      expect(html.text).toContain('<h2>Pull request</h2>');
      expect(html.text).toContain(PR_42);
      expect(html.text).toContain('<td>bob, dana</td>');
      expect(html.text).toContain('<td>build: success</td>');
      expect((await h.as('oscar').get('/audit/verify')).body).toMatchObject({
        ok: true,
      });
    });
  });
});
