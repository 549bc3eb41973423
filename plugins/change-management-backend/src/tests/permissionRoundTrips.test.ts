import {
  coreServices,
  createServiceFactory,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { actionFields, drafts } from '../__testUtils__/changes';
import { startChangeManagement } from '../__testUtils__/harness';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

/** Each call to the permission service, as the names it asked about. */
function countingPermissions() {
  const calls: string[][] = [];
  const answer: PermissionsService['authorizeConditional'] = async queries => {
    calls.push(queries.map(q => q.permission.name));
    return queries.map(() => ({ result: AuthorizeResult.ALLOW })) as any;
  };
  const factory = createServiceFactory({
    service: coreServices.permissions,
    deps: {},
    factory: (): PermissionsService => ({
      authorizeConditional: answer,
      authorize: answer as any,
    }),
  });
  return { calls, factory };
}

/**
 * A permission check is a round trip to the permission backend: a request
 * on one change asks once, for all it needs, whatever it checks. An action
 * always asks anew; a read reuses the user's decisions for
 * `permissions.readDecisionTtl` (5 seconds unless set).
 */
describe('permission round trips', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    const start = async (changeManagement?: Record<string, unknown>) => {
      const permissions = countingPermissions();
      const h = await startChangeManagement({
        knex: await databases.init(databaseId),
        changeManagement,
        extraFeatures: [permissions.factory],
      });
      const asked = async <R extends { status: number }>(
        request: () => Promise<R>,
      ) => {
        const before = permissions.calls.length;
        const res = await request();
        expect(res.status).toBeLessThan(300);
        return { res, calls: permissions.calls.length - before };
      };
      return { h, permissions, asked };
    };

    it('asks the policy once per action, and once per user for reads within the time to live', async () => {
      const { h, permissions, asked } = await start();
      const alice = h.as('alice');
      const created = await asked(() =>
        alice.post('/changes', drafts.standard),
      );
      expect(created.calls).toBe(1);
      const id = created.res.body.id;
      // The first read asks, for reading and every action it may offer.
      const first = await asked(() => alice.get(`/changes/${id}`));
      expect(first.calls).toBe(1);
      expect(permissions.calls[1]).toEqual(
        expect.arrayContaining([
          'change-management.change.read',
          'change-management.change.submit',
        ]),
      );
      expect(first.res.body.allowedActions).toContain('submit');
      // The page's other reads reuse that answer.
      expect((await asked(() => alice.get(`/changes/${id}`))).calls).toBe(0);
      expect(
        (await asked(() => alice.get(`/changes/${id}/events`))).calls,
      ).toBe(0);
      expect((await asked(() => alice.get('/changes'))).calls).toBe(0);
      // An action asks anew, right after the reads.
      const submitted = await asked(() =>
        alice.post(`/changes/${id}/actions`, { action: 'submit', version: 1 }),
      );
      expect(submitted.calls).toBe(1);
      // The reused decisions are judged on the change as it is now.
      const after = await asked(() => alice.get(`/changes/${id}`));
      expect(after.calls).toBe(0);
      expect(after.res.body.state).toBe('in_review');
      expect(after.res.body.allowedActions).not.toContain('submit');
      // Another user asks for themselves.
      expect((await asked(() => h.as('bob').get(`/changes/${id}`))).calls).toBe(
        1,
      );
      // Past the time to live, by the plugin's clock, a read asks again.
      h.clock.set(new Date(h.clock.now().getTime() + 5000).toISOString());
      expect((await asked(() => alice.get(`/changes/${id}`))).calls).toBe(1);
    });

    it("asks on every request when readDecisionTtl is '0s'", async () => {
      const { h, asked } = await start({
        permissions: { readDecisionTtl: '0s' },
      });
      const alice = h.as('alice');
      const created = await asked(() =>
        alice.post('/changes', drafts.standard),
      );
      const id = created.res.body.id;
      expect((await asked(() => alice.get(`/changes/${id}`))).calls).toBe(1);
      expect((await asked(() => alice.get(`/changes/${id}`))).calls).toBe(1);
      expect(
        (await asked(() => alice.get(`/changes/${id}/events`))).calls,
      ).toBe(1);
      expect((await asked(() => alice.get('/changes'))).calls).toBe(1);
      const submitted = await asked(() =>
        alice.post(`/changes/${id}/actions`, { action: 'submit', version: 1 }),
      );
      expect(submitted.calls).toBe(1);
    });

    it('asks, to take an action, only what judging it and its answer need', async () => {
      const permissions = countingPermissions();
      const h = await startChangeManagement({
        knex: await databases.init(databaseId),
        extraFeatures: [permissions.factory],
      });
      const { body: created } = await h
        .as('alice')
        .post('/changes', drafts.standard);
      await h.act('alice', created.id, 'submit');
      await h.act('bob', created.id, 'review', actionFields.review);
      const take = async (
        user: 'carol' | 'alice',
        action: string,
        fields: Record<string, unknown>,
      ) => {
        const { body: current } = await h
          .as(user)
          .get(`/changes/${created.id}`);
        const before = permissions.calls.length;
        const res = await h.as(user).post(`/changes/${created.id}/actions`, {
          action,
          version: current.version,
          ...fields,
        });
        expect(res.status).toBe(200);
        return { res, asked: permissions.calls.slice(before) };
      };

      // Approving: reading, approving, and what an approved change offers.
      const approved = await take('carol', 'approve', actionFields.approve);
      expect(approved.asked).toHaveLength(1);
      expect([...approved.asked[0]].sort()).toEqual(
        [
          'change-management.change.read',
          'change-management.change.approve',
          'change-management.change.record-staging',
          'change-management.change.deploy',
          'change-management.change.cancel',
        ].sort(),
      );
      // The same as a read, which asks for every permission, offers.
      const { body: read } = await h.as('carol').get(`/changes/${created.id}`);
      expect(approved.res.body.allowedActions).toEqual(read.allowedActions);
      expect(read.allowedActions).toContain('record-staging');

      // A failed staging check sends the change back to draft, where other
      // actions open: those are asked when the answer offers them.
      // Its author records it, and may then edit it again.
      const failed = await take('alice', 'record-staging', {
        ...actionFields['record-staging'],
        regressionChecked: false,
      });
      expect(failed.res.body.state).toBe('draft');
      expect(failed.asked).toHaveLength(2);
      expect(failed.asked[1]).toEqual(
        expect.arrayContaining([
          'change-management.change.edit',
          'change-management.change.submit',
        ]),
      );
      const { body: offered } = await h
        .as('alice')
        .get(`/changes/${created.id}`);
      expect(failed.res.body.allowedActions).toEqual(offered.allowedActions);
    });
  });
});
