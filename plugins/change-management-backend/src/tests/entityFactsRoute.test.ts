import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { changeReadPermission } from '@trove/backstage-plugin-change-management-common';
import request from 'supertest';
import { changeIn } from '../__testUtils__/changeIn';
import { OPEN_TIME, startChangeManagement } from '../__testUtils__/harness';
import { policyPermissions } from '../__testUtils__/policyPermissions';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

/** Dana may read no change; everyone else may do anything. */
const danaReadsNothing = policyPermissions({
  async handle(query: PolicyQuery, user?: PolicyQueryUser) {
    const denied =
      query.permission.name === changeReadPermission.name &&
      user?.info.userEntityRef === 'user:default/dana';
    return { result: denied ? AuthorizeResult.DENY : AuthorizeResult.ALLOW };
  },
});

const SERVICE = 'component:default/payments-service';
const SYSTEM = 'system:default/payments';
const UNTOUCHED = 'component:default/checkout-api';
const HOUR = 3_600_000;

describe('GET /entities/facts', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it("answers each entity's figures to a user or a service, as the workflow left them", async () => {
      const h = await startChangeManagement({
        knex: await databases.init(databaseId),
        extraFeatures: [danaReadsNothing],
      });
      await changeIn(h, 'standard', 'completed');
      await changeIn(h, 'standard', 'rolled_back');
      // Deployed, not verified: in flight, and its retrospective falls due.
      await changeIn(h, 'emergency', 'deployed');
      h.clock.time = new Date(Date.parse(OPEN_TIME) + 49 * HOUR);

      const path = `/entities/facts?entityRefs=${SERVICE},${SYSTEM},${UNTOUCHED}`;
      const res = await h.as('oscar').get(path);
      expect(res.status).toBe(200);
      const figures = {
        openChanges: 1,
        overdueRetrospectives: 1,
        productionChanges: 3,
        failedChanges: 1,
        changeFailureRate: 1 / 3,
        daysSinceLastProductionChange: 2,
      };
      expect(res.body).toMatchObject({
        asOf: h.clock.now().toISOString(),
        windowDays: 90,
        items: [
          { entityRef: SERVICE, ...figures },
          { entityRef: SYSTEM, ...figures },
          {
            entityRef: UNTOUCHED,
            openChanges: 0,
            overdueRetrospectives: 0,
            productionChanges: 0,
            failedChanges: 0,
          },
        ],
      });
      expect(res.body.items[0].lastProductionChangeAt).toBeDefined();
      expect(res.body.items[2]).not.toHaveProperty('changeFailureRate');

      const asService = await request(h.server)
        .get(`/api/change-management${path}`)
        .set('Authorization', mockCredentials.service.header());
      expect(asService.status).toBe(200);
      expect(asService.body).toEqual(res.body);
    });

    it('refuses a reader the policy denies, and a malformed list', async () => {
      const h = await startChangeManagement({
        knex: await databases.init(databaseId),
        extraFeatures: [danaReadsNothing],
      });
      const denied = await h
        .as('dana')
        .get(`/entities/facts?entityRefs=${SERVICE}`);
      expect(denied.status).toBe(403);
      expect(denied.body.error.name).toBe('NotAllowedError');

      const tooMany = Array.from(
        { length: 101 },
        (_, i) => `component:default/c${i}`,
      );
      for (const refs of ['', `${SERVICE},,${SYSTEM}`, tooMany.join(',')]) {
        const bad = await h
          .as('oscar')
          .get(`/entities/facts?entityRefs=${refs}`);
        expect(bad.status).toBe(400);
        expect(bad.body.error).toMatchObject({
          name: 'InputError',
          message: expect.stringContaining(
            'entityRefs must be 1 to 100 entity refs separated by commas',
          ),
        });
      }
    });
  });
});
