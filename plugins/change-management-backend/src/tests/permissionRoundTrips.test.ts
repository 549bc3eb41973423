import {
  coreServices,
  createServiceFactory,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { drafts } from '../__testUtils__/changes';
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
  });
});
