import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  changeAuditReadPermission,
  changeReadPermission,
  SystemOverview,
} from '@trove/backstage-plugin-change-management-common';
import {
  changeConditions,
  createChangeConditionalDecision,
} from '@trove/backstage-plugin-change-management-node';
import { changeIn } from '../__testUtils__/changeIn';
import { startChangeManagement } from '../__testUtils__/harness';
import { policyPermissions } from '../__testUtils__/policyPermissions';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(180_000);

/**
 * Dana reads only the changes to what her group owns, oscar none; only
 * carol reads the audit; everything else is allowed.
 */
const policy = policyPermissions({
  async handle(query: PolicyQuery, user?: PolicyQueryUser) {
    const ref = user?.info.userEntityRef;
    if (query.permission.name === changeAuditReadPermission.name) {
      return {
        result:
          ref === 'user:default/carol'
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      };
    }
    if (
      query.permission.name === changeReadPermission.name &&
      ref === 'user:default/oscar'
    ) {
      return { result: AuthorizeResult.DENY } as const;
    }
    if (
      query.permission.name === changeReadPermission.name &&
      ref === 'user:default/dana'
    ) {
      return createChangeConditionalDecision(
        query.permission as any,
        changeConditions.affectsEntityOwnedBy({
          claims: user!.info.ownershipEntityRefs,
        }),
      );
    }
    return { result: AuthorizeResult.ALLOW } as const;
  },
});

const JUNE = 'from=2026-06-01&to=2026-07-01';
const PAYMENTS = 'system:default/payments';
const STOREFRONT = 'system:default/storefront';

describe('GET /metrics/overview', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it('gives each System the figures of GET /metrics, to whom may read its changes', async () => {
      const h = await startChangeManagement({
        knex: await databases.init(databaseId),
        extraFeatures: [policy],
      });
      h.clock.set('2026-06-02T09:00:00.000Z');
      await changeIn(h, 'standard', 'completed');
      h.clock.set('2026-06-03T09:00:00.000Z');
      await changeIn(h, 'standard', 'rolled_back');
      h.clock.set('2026-06-04T09:00:00.000Z');
      // Deployed, never verified: an exception of the storefront.
      await changeIn(h, 'standard', 'deployed', {
        affectedEntityRefs: [STOREFRONT],
      });

      const carol = await h.as('carol').get(`/metrics/overview?${JUNE}`);
      expect(carol.status).toBe(200);
      const rows: SystemOverview[] = carol.body.systems;
      expect(rows.map(r => r.systemRef)).toEqual([PAYMENTS, STOREFRONT]);
      for (const row of rows) {
        const single = await h
          .as('carol')
          .get(`/metrics?entityRef=${row.systemRef}&${JUNE}`);
        expect(row).toMatchObject({
          deployments: { total: single.body.deployments.total },
          leadTimeHours: single.body.leadTimeHours,
          changeFailureRate: single.body.changeFailureRate,
          recoveryHours: single.body.recoveryHours,
          score: single.body.score,
        });
      }
      expect(rows.map(r => r.deployments.total)).toEqual([2, 1]);
      // The roll-back, and the deploy never verified.
      expect(rows.map(r => r.exceptions)).toEqual([1, 1]);
      expect(carol.body.groups.map((g: any) => g.ownerRef)).toEqual([
        'group:default/payments',
        'group:default/storefront',
      ]);

      // Not an auditor: no exceptions. Dana: only the storefront's row.
      const alice = await h.as('alice').get(`/metrics/overview?${JUNE}`);
      expect(alice.body.systems.map((r: any) => r.exceptions)).toEqual([
        null,
        null,
      ]);
      const dana = await h.as('dana').get(`/metrics/overview?${JUNE}`);
      expect(dana.status).toBe(200);
      expect(dana.body.systems.map((r: any) => r.systemRef)).toEqual([
        STOREFRONT,
      ]);
      expect(dana.body.groups.map((g: any) => g.ownerRef)).toEqual([
        'group:default/storefront',
      ]);
    });

    it('refuses a reader the policy denies, and a bad period', async () => {
      const h = await startChangeManagement({
        knex: await databases.init(databaseId),
        extraFeatures: [policy],
      });
      const denied = await h.as('oscar').get(`/metrics/overview?${JUNE}`);
      expect(denied.status).toBe(403);
      expect(denied.body.error.name).toBe('NotAllowedError');

      for (const [query, message] of [
        ['from=2026-01-01&to=2027-02-06', /at most 400 days/],
        ['from=2026-06-08&to=2026-06-08', /after from/],
        ['from=2026-06-08', /to is required/],
      ] as const) {
        const bad = await h.as('alice').get(`/metrics/overview?${query}`);
        expect({ query, status: bad.status }).toEqual({ query, status: 400 });
        expect(bad.body.error).toMatchObject({
          name: 'InputError',
          issues: [{ path: 'to', message: expect.stringMatching(message) }],
        });
      }
    });
  });
});
