import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  Calendar,
  changeReadPermission,
} from '@trove/backstage-plugin-change-management-common';
import {
  changeConditions,
  createChangeConditionalDecision,
} from '@trove/backstage-plugin-change-management-node';
import { changeIn } from '../__testUtils__/changeIn';
import { Harness, startChangeManagement } from '../__testUtils__/harness';
import {
  entities,
  june11,
  planned,
  raise,
  SERVICE,
  STOREFRONT,
} from '../__testUtils__/landscape';
import { policyPermissions } from '../__testUtils__/policyPermissions';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(180_000);

/** Dana reads only the changes she raised. */
class ReadPolicy implements PermissionPolicy {
  async handle(request: PolicyQuery, user?: PolicyQueryUser) {
    const ref = user?.info.userEntityRef;
    if (
      request.permission.name === changeReadPermission.name &&
      ref === 'user:default/dana'
    ) {
      return createChangeConditionalDecision(
        request.permission as any,
        changeConditions.isAuthor({ claims: [ref] }),
      );
    }
    return { result: AuthorizeResult.ALLOW } as const;
  }
}

async function calendar(
  h: Harness,
  query: Record<string, string>,
  user: 'alice' | 'dana' = 'alice',
): Promise<Calendar> {
  const res = await h.as(user).get(`/calendar?${new URLSearchParams(query)}`);
  if (res.status !== 200) throw new Error(JSON.stringify(res.body.error));
  return res.body;
}

const PAYMENTS = 'system:default/payments';

describe('GET /calendar', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    const start = async () =>
      startChangeManagement({
        knex: await databases.init(databaseId),
        entities,
        // A freeze from December 15 to January 15, across the new year.
        changeManagement: {
          freeze: { windows: [{ start: '12-15', end: '01-15' }] },
        },
        extraFeatures: [policyPermissions(new ReadPolicy())],
      });

    it('shows the planned and deployed changes of a System and its parts, and its blackouts', async () => {
      const h = await start();
      const onService = await raise(h, {
        ...planned(SERVICE, june11(10), june11(12)),
        title: 'service',
      });
      await raise(h, {
        ...planned(STOREFRONT, june11(10), june11(12)),
        title: 'storefront',
      });
      // planned to end as the period begins, and to begin as it ends
      await raise(
        h,
        planned(SERVICE, '2026-05-31T23:00:00Z', '2026-06-01T00:00:00Z'),
      );
      await raise(
        h,
        planned(SERVICE, '2026-07-01T00:00:00Z', '2026-07-02T00:00:00Z'),
      );
      h.clock.set('2026-06-15T08:00:00.000Z');
      const emergency = await changeIn(h, 'emergency', 'deployed');
      h.clock.set('2026-07-15T08:00:00.000Z');
      await changeIn(h, 'emergency', 'deployed');

      const june = { from: '2026-06-01', to: '2026-07-01' };
      const shown = await calendar(h, { ...june, entityRef: PAYMENTS });
      expect(shown).toEqual({
        from: '2026-06-01T00:00:00.000Z',
        to: '2026-07-01T00:00:00.000Z',
        windows: [
          {
            kind: 'blackout',
            start: '2026-06-20T00:00:00Z',
            end: '2026-06-21T00:00:00Z',
            title: 'Blackout: Ledger migration',
            entityRef: PAYMENTS,
          },
        ],
        changes: [
          {
            id: onService.id,
            title: 'service',
            type: 'standard',
            state: 'draft',
            entityRefs: [SERVICE],
            plannedStart: june11(10),
            plannedEnd: june11(12),
            emergency: false,
          },
          {
            id: emergency.id,
            title: emergency.title,
            type: 'emergency',
            state: 'deployed',
            entityRefs: [SERVICE],
            deployedAt: '2026-06-15T08:00:00.000Z',
            emergency: true,
          },
        ],
      });

      const emergencies = await calendar(h, {
        ...june,
        entityRef: PAYMENTS,
        type: 'emergency',
      });
      expect(emergencies.changes.map(c => c.id)).toEqual([emergency.id]);

      const everything = await calendar(h, june);
      expect(everything.changes.map(c => c.title)).toContain('storefront');
      expect(everything.windows).toEqual([]);

      // Dana reads only her own changes; the windows are everyone's.
      const dana = await calendar(h, { ...june, entityRef: PAYMENTS }, 'dana');
      expect(dana.changes).toEqual([]);
      expect(dana.windows).toEqual(shown.windows);

      // Per day: the deploys counted, and only the planned changes listed.
      const perDay = { ...june, entityRef: PAYMENTS, per: 'day' };
      const counted = await calendar(h, perDay);
      expect(counted.days).toEqual([
        {
          day: '2026-06-15',
          deployed: { standard: 0, emergency: 1, infrastructure: 0 },
        },
      ]);
      expect(counted.changes.map(c => c.id)).toEqual([onService.id]);
      expect(counted.windows).toEqual(shown.windows);
      expect(shown).not.toHaveProperty('days');
      expect((await calendar(h, perDay, 'dana')).days).toEqual([]);
    });

    it('shows the freeze spanning the new year in December and in January', async () => {
      const h = await start();
      const freeze = {
        kind: 'freeze',
        start: '2026-12-15T00:00:00.000Z',
        end: '2027-01-15T00:00:00.000Z',
        title: 'Freeze 2026-12-15 to 2027-01-14 (UTC)',
      };
      const december = await calendar(h, {
        from: '2026-12-01',
        to: '2027-01-01',
      });
      expect(december.windows).toEqual([freeze]);
      const january = await calendar(h, {
        from: '2027-01-01',
        to: '2027-02-01',
      });
      expect(january.windows).toEqual([freeze]);
      const february = await calendar(h, {
        from: '2027-02-01',
        to: '2027-03-01',
      });
      expect(february.windows).toEqual([]);
    });

    it('cuts a period to 400 days and refuses one that ends before it starts', async () => {
      const h = await start();
      const long = await calendar(h, { from: '2026-01-01', to: '2030-01-01' });
      expect(long.to).toBe('2027-02-05T00:00:00.000Z');
      expect(long.windows.map(w => w.start)).toEqual([
        '2025-12-15T00:00:00.000Z',
        '2026-12-15T00:00:00.000Z',
      ]);
      const res = await h
        .as('alice')
        .get('/calendar?from=2026-02-01&to=2026-01-01');
      expect(res.status).toBe(400);
      expect(res.body.error.issues).toEqual([
        expect.objectContaining({ path: 'to' }),
      ]);
    });
  });
});
