import { parse } from 'csv-parse/sync';
import { drafts } from '../__testUtils__/changes';
import { changeIn } from '../__testUtils__/changeIn';
import { OPEN_TIME, startChangeManagement } from '../__testUtils__/harness';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

const HOUR = 3_600_000;
const later = (hours: number) =>
  new Date(Date.parse(OPEN_TIME) + hours * HOUR).toISOString();

describe("an emergency's caused by", () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    const start = async () =>
      startChangeManagement({ knex: await databases.init(databaseId) });

    it('is stored, shown, recorded in the chain, replayed and exported', async () => {
      const h = await start();
      const cause = await changeIn(h, 'standard', 'completed');
      h.clock.set(later(1));
      const created = await h
        .as('alice')
        .post('/changes', { ...drafts.emergency, causedBy: cause.id });
      expect(created.status).toBe(201);
      expect(created.body.causedBy).toBe(cause.id);
      const emergency = await changeIn(h, 'emergency', 'completed', {
        causedBy: cause.id,
      });
      expect(emergency.causedBy).toBe(cause.id);

      const events = await h.as('alice').get(`/changes/${emergency.id}/events`);
      expect(events.body.items[0]).toMatchObject({
        action: 'create',
        fields: { causedBy: cause.id },
      });
      expect((await h.as('oscar').get('/audit/verify')).body).toMatchObject({
        ok: true,
      });

      const csv = await h
        .as('oscar')
        .get('/export?from=2026-01-01&to=2027-01-01');
      const rows: Record<string, string>[] = parse(csv.text, { columns: true });
      const header = Object.keys(rows[0]);
      // Appended: the columns before it keep their places (the risk's two
      // came after it, issue 24, and the PR's four, issue 20).
      expect(header.slice(-8)).toEqual([
        'Planned end',
        'Caused by',
        'Risk level',
        'Risk score',
        'Pull request at deploy',
        'Pull request state at deploy',
        'Pull request approvers at deploy',
        'Pull request checks at deploy',
      ]);
      const byId = Object.fromEntries(rows.map(r => [r.ID, r]));
      expect(byId[emergency.id]['Caused by']).toBe(cause.id);
      expect(byId[cause.id]['Caused by']).toBe('');
      const json = await h
        .as('oscar')
        .get('/export?from=2026-01-01&to=2027-01-01&format=json');
      const item = json.body.items.find((r: any) => r.id === emergency.id);
      expect(item.causedBy).toBe(cause.id);
    });

    it('is cleared by an edit that leaves it out, and set by one that names it', async () => {
      const h = await start();
      const cause = await changeIn(h, 'standard', 'completed');
      h.clock.set(later(1));
      const { body } = await h
        .as('alice')
        .post('/changes', { ...drafts.emergency, causedBy: cause.id });
      const cleared = await h
        .as('alice')
        .patch(`/changes/${body.id}`, { ...drafts.emergency, version: 1 });
      expect(cleared.status).toBe(200);
      expect(cleared.body).not.toHaveProperty('causedBy');
      const named = await h.as('alice').patch(`/changes/${body.id}`, {
        ...drafts.emergency,
        causedBy: cause.id,
        version: 2,
      });
      expect(named.status).toBe(200);
      expect(named.body.causedBy).toBe(cause.id);
    });

    it('is refused, naming the field, and nothing is written', async () => {
      const h = await start();
      const cause = await changeIn(h, 'standard', 'completed');
      h.clock.set(later(1));
      const { body: emergency } = await h
        .as('alice')
        .post('/changes', drafts.emergency);
      h.clock.set(later(2));
      const { body: afterwards } = await h
        .as('alice')
        .post('/changes', drafts.standard);
      const events = await h.count('change_events');

      const refusals: [string, () => Promise<any>, RegExp][] = [
        [
          'itself',
          () =>
            h.as('alice').patch(`/changes/${emergency.id}`, {
              ...drafts.emergency,
              causedBy: emergency.id,
              version: 1,
            }),
          /cannot name the emergency itself/,
        ],
        [
          'a missing change',
          () =>
            h.as('alice').post('/changes', {
              ...drafts.emergency,
              causedBy: '00000000-0000-4000-8000-000000000000',
            }),
          /no change with id '00000000-0000-4000-8000-000000000000'/,
        ],
        [
          'a change raised after the emergency',
          () =>
            h.as('alice').patch(`/changes/${emergency.id}`, {
              ...drafts.emergency,
              causedBy: afterwards.id,
              version: 1,
            }),
          /raised before the emergency/,
        ],
        [
          'a standard change',
          () =>
            h
              .as('alice')
              .post('/changes', { ...drafts.standard, causedBy: cause.id }),
          /for an emergency only/,
        ],
        [
          'an edited standard change',
          () =>
            h.as('alice').patch(`/changes/${afterwards.id}`, {
              ...drafts.standard,
              causedBy: cause.id,
              version: 1,
            }),
          /for an emergency only/,
        ],
        [
          'not a change id',
          () =>
            h
              .as('alice')
              .post('/changes', { ...drafts.emergency, causedBy: 'INC-1' }),
          /must be a change id/,
        ],
      ];
      for (const [what, send, message] of refusals) {
        const res = await send();
        expect({ what, status: res.status }).toEqual({ what, status: 400 });
        expect(res.body.error).toMatchObject({
          name: 'InputError',
          issues: [
            { path: 'causedBy', message: expect.stringMatching(message) },
          ],
        });
      }
      expect(await h.count('change_events')).toBe(events);
      const stored = await h.as('alice').get(`/changes/${emergency.id}`);
      expect(stored.body.version).toBe(1);
      expect(stored.body).not.toHaveProperty('causedBy');
    });
  });
});
