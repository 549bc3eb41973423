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
 * on one change asks once, for all it needs, whatever it checks.
 */
describe('permission round trips', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it('asks the policy once per request', async () => {
      const permissions = countingPermissions();
      const h = await startChangeManagement({
        knex: await databases.init(databaseId),
        extraFeatures: [permissions.factory],
      });
      const asked = async (request: () => Promise<{ status: number }>) => {
        const before = permissions.calls.length;
        const res = await request();
        expect(res.status).toBeLessThan(300);
        return permissions.calls.length - before;
      };
      const alice = h.as('alice');
      let id = '';
      expect(
        await asked(async () => {
          const res = await alice.post('/changes', drafts.standard);
          id = res.body.id;
          return res;
        }),
      ).toBe(1);
      expect(await asked(() => alice.get(`/changes/${id}`))).toBe(1);
      expect(
        await asked(() =>
          alice.post(`/changes/${id}/actions`, {
            action: 'submit',
            version: 1,
          }),
        ),
      ).toBe(1);
      expect(await asked(() => alice.get('/changes'))).toBe(1);
      // The one call named reading and every action the answer offers.
      expect(permissions.calls[1]).toEqual(
        expect.arrayContaining([
          'change-management.change.read',
          'change-management.change.submit',
        ]),
      );
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
