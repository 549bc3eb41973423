import { ChangeDetail } from '@trove/backstage-plugin-change-management-common';
import { drafts } from '../__testUtils__/changes';
import {
  entities,
  june11,
  planned,
  raise,
  SERVICE,
} from '../__testUtils__/landscape';
import { startChangeManagement } from '../__testUtils__/harness';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(180_000);

describe('planned windows', () => {
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
  });
});
