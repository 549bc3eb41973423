import {
  ChangeDetail,
  isFinished,
} from '@trove/backstage-plugin-change-management-common';
import { changeIn } from '../__testUtils__/changeIn';
import {
  CHECKOUT,
  conflicts,
  entities,
  june11,
  planned,
  raise,
  reasons,
  SERVICE,
  STOREFRONT,
} from '../__testUtils__/landscape';
import { startChangeManagement } from '../__testUtils__/harness';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { openQuery } from '../database/listQuery';

jest.setTimeout(180_000);

describe('conflicts of planned windows', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    const start = async (changeManagement?: Record<string, unknown>) =>
      startChangeManagement({
        knex: await databases.init(databaseId),
        entities,
        changeManagement,
      });

    it('finds open changes that overlap on the same entity, the same System or one dependency hop', async () => {
      const h = await start();
      const onService = await raise(h, {
        ...planned(SERVICE, june11(10), june11(12)),
        title: 'service',
      });
      const onCheckout = await raise(h, {
        ...planned(CHECKOUT, june11(10), june11(12)),
        title: 'checkout',
      });
      await raise(h, {
        ...planned(STOREFRONT, june11(10), june11(12)),
        title: 'storefront',
      });
      await raise(h, {
        ...planned(STOREFRONT, june11(14), june11(15)),
        title: 'storefront later',
      });
      // Finished changes are ignored.
      await changeIn(h, 'standard', 'completed', {
        ...planned(SERVICE, june11(10), june11(12)),
        title: 'completed',
      });
      await changeIn(h, 'standard', 'cancelled', {
        ...planned(SERVICE, june11(10), june11(12)),
        title: 'cancelled',
      });

      // nested in the service's window; checkout is in the same System
      expect(
        reasons(await conflicts(h, SERVICE, june11(11), june11(11, 30))),
      ).toEqual([
        ['checkout', 'same-system'],
        ['service', 'same-entity'],
      ]);
      // overlapping: storefront-web dependsOn checkout-api
      expect(
        reasons(await conflicts(h, CHECKOUT, june11(9), june11(10, 30))),
      ).toEqual([
        ['checkout', 'same-entity'],
        ['service', 'same-system'],
        ['storefront', 'dependency'],
      ]);
      // and from the other side of the hop: checkout-api dependencyOf storefront-web
      expect(
        reasons(await conflicts(h, STOREFRONT, june11(11), june11(14, 30))),
      ).toEqual([
        ['checkout', 'dependency'],
        ['storefront', 'same-entity'],
        ['storefront later', 'same-entity'],
      ]);
      // adjacent windows do not conflict
      expect(
        reasons(await conflicts(h, CHECKOUT, june11(12), june11(13))),
      ).toEqual([]);
      expect(
        reasons(await conflicts(h, CHECKOUT, june11(8), june11(10))),
      ).toEqual([]);
      // a window around them all
      expect(
        reasons(await conflicts(h, SERVICE, june11(0), june11(23))),
      ).toEqual([
        ['checkout', 'same-system'],
        ['service', 'same-entity'],
      ]);

      // the change's page lists its own, without itself
      const page: ChangeDetail = (
        await h.as('alice').get(`/changes/${onService.id}`)
      ).body;
      expect(page.conflicts).toEqual([
        {
          id: onCheckout.id,
          title: 'checkout',
          state: 'draft',
          plannedStart: june11(10),
          plannedEnd: june11(12),
          reason: 'same-system',
        },
      ]);
      const query = new URLSearchParams({
        entityRef: SERVICE,
        plannedStart: june11(10),
        plannedEnd: june11(12),
        type: 'standard',
        excludeId: onCheckout.id,
      });
      const excluded = await h.as('alice').get(`/conflicts?${query}`);
      expect(excluded.body.conflicts.map((c: any) => c.title)).toEqual([
        'service',
      ]);
    });

    it('names the freeze spanning the new year for a standard change, not an emergency', async () => {
      const h = await start();
      const freeze = {
        id: null,
        title: 'Freeze 2026-10-01 to 2026-12-31 (UTC)',
        state: null,
        plannedStart: '2026-10-01T00:00:00.000Z',
        plannedEnd: '2027-01-01T00:00:00.000Z',
        reason: 'freeze',
      };
      expect(
        await conflicts(
          h,
          SERVICE,
          '2026-12-31T22:00:00Z',
          '2027-01-01T02:00:00Z',
        ),
      ).toEqual({
        conflicts: [freeze],
        windowWarnings: [expect.objectContaining({ reason: 'freeze' })],
      });
      expect(
        await conflicts(
          h,
          SERVICE,
          '2026-12-31T22:00:00Z',
          '2027-01-01T02:00:00Z',
          'emergency',
        ),
      ).toEqual({ conflicts: [], windowWarnings: [] });
      // from the first instant after it, nothing
      expect(
        await conflicts(
          h,
          SERVICE,
          '2027-01-01T00:00:00Z',
          '2027-01-01T02:00:00Z',
        ),
      ).toEqual({ conflicts: [], windowWarnings: [] });
    });

    it('refuses a bad conflicts query with a 400 naming the field', async () => {
      const h = await start();
      const res = await h
        .as('alice')
        .get(
          `/conflicts?entityRef=${SERVICE}&plannedStart=${june11(
            10,
          )}&plannedEnd=${june11(9)}&type=standard`,
        );
      expect(res.status).toBe(400);
      expect(res.body.error.issues).toEqual([
        expect.objectContaining({ path: 'plannedEnd' }),
      ]);
    });

    it('judges open in SQL as isFinished does', async () => {
      const h = await start();
      const states = [
        ['standard', 'draft'],
        ['standard', 'in_review'],
        ['standard', 'completed'],
        ['standard', 'rejected'],
        ['standard', 'cancelled'],
        ['standard', 'deployed'],
        ['standard', 'rolled_back'],
        ['emergency', 'deployed'],
        ['emergency', 'verified'],
        ['emergency', 'completed'],
      ] as const;
      const ids: string[] = [];
      for (const [type, state] of states) {
        ids.push((await changeIn(h, type, state)).id);
      }
      const open = openQuery.bind(null);
      const q = h.knex('changes').select('id');
      open(q);
      const inSql = (await q).map((r: { id: string }) => r.id).sort();
      const judged: string[] = [];
      for (const id of ids) {
        const change = (await h.as('alice').get(`/changes/${id}`)).body;
        if (!isFinished(change)) judged.push(id);
      }
      expect(inSql).toEqual(judged.sort());
      expect(judged.length).toBeGreaterThan(2);
      expect(judged.length).toBeLessThan(ids.length);
    });
  });
});
