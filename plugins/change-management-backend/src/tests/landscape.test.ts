import { Entity } from '@backstage/catalog-model';
import {
  Calendar,
  ChangeDetail,
  ConflictList,
  isFinished,
} from '@trove/backstage-plugin-change-management-common';
import { drafts } from '../__testUtils__/changes';
import { changeIn } from '../__testUtils__/changeIn';
import { Harness, startChangeManagement } from '../__testUtils__/harness';
import { sampleEntities } from '../__testUtils__/sampleCatalog';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { openQuery } from '../database/listQuery';

jest.setTimeout(180_000);

const SERVICE = 'component:default/payments-service';
const CHECKOUT = 'component:default/checkout-api';
const STOREFRONT = 'component:default/storefront-web';

/**
 * The sample catalog with both sides of each dependency, as the catalog
 * computes them (storefront-web dependsOn checkout-api, which dependsOn
 * payments-db), and a blackout annotated on the payments System.
 */
const entities: Entity[] = sampleEntities.map(entity => {
  const ref = `${entity.kind.toLowerCase()}:default/${entity.metadata.name}`;
  const dependsOn = {
    [STOREFRONT]: CHECKOUT,
    [CHECKOUT]: 'resource:default/payments-db',
  }[ref];
  const annotations =
    ref === 'system:default/payments'
      ? {
          'trove.io/change-blackouts': JSON.stringify([
            {
              start: '2026-06-20T00:00:00Z',
              end: '2026-06-21T00:00:00Z',
              reason: 'Ledger migration',
            },
          ]),
        }
      : undefined;
  return {
    ...entity,
    metadata: { ...entity.metadata, ...(annotations && { annotations }) },
    relations: [
      ...(entity.relations ?? []),
      ...(dependsOn ? [{ type: 'dependsOn', targetRef: dependsOn }] : []),
    ],
  };
});

/** 2026-06-11 at an hour (UTC), outside the freeze. */
const june11 = (hour: number, minute = 0) =>
  new Date(Date.UTC(2026, 5, 11, hour, minute)).toISOString();

const planned = (entityRef: string, from: string, to: string) => ({
  ...drafts.standard,
  affectedEntityRefs: [entityRef],
  plannedStart: from,
  plannedEnd: to,
});

async function raise(h: Harness, draft: Record<string, unknown>) {
  const res = await h.as('alice').post('/changes', draft);
  expect(res.status).toBe(201);
  return res.body;
}

async function conflicts(
  h: Harness,
  entityRef: string,
  from: string,
  to: string,
  type = 'standard',
): Promise<ConflictList> {
  const query = new URLSearchParams({
    entityRef,
    plannedStart: from,
    plannedEnd: to,
    type,
  });
  const res = await h.as('alice').get(`/conflicts?${query}`);
  if (res.status !== 200) throw new Error(JSON.stringify(res.body.error));
  return res.body;
}

const reasons = (list: ConflictList) =>
  list.conflicts
    .map(c => [c.title, c.reason])
    .sort(([a], [b]) => (a < b ? -1 : 1));

describe('the change landscape', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    const start = async (changeManagement?: Record<string, unknown>) =>
      startChangeManagement({
        knex: await databases.init(databaseId),
        entities,
        changeManagement,
      });

    it('stores a planned window, records it in the chain and exports it', async () => {
      const h = await start();
      const created = await raise(h, {
        ...planned(SERVICE, '2026-06-11T12:00:00+02:00', june11(11)),
      });
      expect(created).toMatchObject({
        plannedStart: june11(10),
        plannedEnd: june11(11),
        windowWarnings: [],
      });
      const edited = await h.as('alice').patch(`/changes/${created.id}`, {
        ...planned(SERVICE, june11(14), june11(15)),
        version: created.version,
      });
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({
        plannedStart: june11(14),
        plannedEnd: june11(15),
      });

      const events = await h.as('alice').get(`/changes/${created.id}/events`);
      expect(events.body.items.map((e: any) => e.fields.plannedStart)).toEqual([
        june11(10),
        june11(14),
      ]);
      const verified = await h.as('carol').get('/audit/verify');
      expect(verified.body).toMatchObject({ ok: true });

      const exported = await h.as('alice').get('/export?format=json');
      expect(exported.body.items[0]).toMatchObject({
        plannedStart: june11(14),
        plannedEnd: june11(15),
      });

      // Left out of an edit, the window is cleared, as any draft field.
      const cleared = await h.as('alice').patch(`/changes/${created.id}`, {
        ...drafts.standard,
        version: edited.body.version,
      });
      expect(cleared.body.plannedStart).toBeUndefined();
      expect(cleared.body.plannedEnd).toBeUndefined();
    });

    it('refuses half a window or one that ends before it starts, naming the field, and writes nothing', async () => {
      const h = await start();
      const bad = [
        [{ plannedStart: june11(10) }, 'plannedEnd'],
        [{ plannedEnd: june11(10) }, 'plannedStart'],
        [{ plannedStart: june11(10), plannedEnd: june11(10) }, 'plannedEnd'],
        [{ plannedStart: 'tomorrow', plannedEnd: june11(10) }, 'plannedStart'],
      ] as const;
      for (const [window, path] of bad) {
        const res = await h
          .as('alice')
          .post('/changes', { ...drafts.standard, ...window });
        expect(res.status).toBe(400);
        expect(res.body.error.name).toBe('InputError');
        expect(res.body.error.issues).toEqual([
          expect.objectContaining({ path }),
        ]);
      }
      expect(await h.count('changes')).toBe(0);

      const created = await raise(h, drafts.standard);
      const res = await h.as('alice').patch(`/changes/${created.id}`, {
        ...drafts.standard,
        plannedStart: june11(11),
        plannedEnd: june11(10),
        version: created.version,
      });
      expect(res.status).toBe(400);
      expect(res.body.error.issues).toEqual([
        expect.objectContaining({ path: 'plannedEnd' }),
      ]);
      expect(await h.count('change_events')).toBe(1);
    });

    it('warns a standard change planned in the freeze and a blackout, on create, edit and its page', async () => {
      const h = await start({
        workingHours: {
          timeZone: 'Europe/London',
          start: '09:00',
          end: '17:00',
        },
      });
      const created = await raise(
        h,
        planned(SERVICE, '2026-12-31T22:00:00Z', '2027-01-01T02:00:00Z'),
      );
      expect(created.windowWarnings.map((w: any) => w.reason)).toEqual([
        'freeze',
        'outside-working-hours',
      ]);
      const edited = await h.as('alice').patch(`/changes/${created.id}`, {
        ...planned(SERVICE, '2026-06-20T09:00:00Z', '2026-06-20T10:00:00Z'),
        version: created.version,
      });
      // June 20 2026 is a Saturday.
      expect(edited.body.windowWarnings).toEqual([
        {
          reason: 'blackout',
          message: expect.stringContaining('Ledger migration'),
        },
        expect.objectContaining({ reason: 'outside-working-hours' }),
      ]);
      const page: ChangeDetail = (
        await h.as('alice').get(`/changes/${created.id}`)
      ).body;
      expect(page.windowWarnings).toEqual(edited.body.windowWarnings);
      expect(page.conflicts).toEqual([
        {
          id: null,
          title: 'Blackout: Ledger migration',
          state: null,
          plannedStart: '2026-06-20T00:00:00Z',
          plannedEnd: '2026-06-21T00:00:00Z',
          reason: 'blackout',
        },
      ]);
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
