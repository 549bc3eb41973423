import { drafts } from '../__testUtils__/changes';
import { startChangeManagement } from '../__testUtils__/harness';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

describe('concurrent actions', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it('lets exactly one of 20 identical actions through', async () => {
      const h = await startChangeManagement({
        knex: await databases.init(databaseId),
      });
      const { body } = await h.as('alice').post('/changes', drafts.standard);
      await h.act('alice', body.id, 'submit');
      const eventsBefore = await h.count('change_events');

      const responses = await Promise.all(
        Array.from({ length: 20 }, () =>
          h.as('bob').post(`/changes/${body.id}/actions`, {
            action: 'review',
            version: 2,
          }),
        ),
      );
      const statuses = responses.map(r => r.status).sort();
      expect(statuses).toEqual([200, ...Array(19).fill(409)]);
      expect(await h.count('change_events')).toBe(eventsBefore + 1);
      const after = await h.as('bob').get(`/changes/${body.id}`);
      expect(after.body).toMatchObject({
        version: 3,
        state: 'awaiting_approval',
      });
      // the chain stayed linear under the race
      expect((await h.as('oscar').get('/audit/verify')).body).toMatchObject({
        ok: true,
        checked: eventsBefore + 1,
      });
    });

    it('keeps the hash chain linear when different changes race', async () => {
      const h = await startChangeManagement({
        knex: await databases.init(databaseId),
      });
      await Promise.all(
        Array.from({ length: 10 }, () =>
          h.as('alice').post('/changes', drafts.standard),
        ),
      );
      expect((await h.as('oscar').get('/audit/verify')).body).toMatchObject({
        ok: true,
        checked: 10,
      });
    });
  });
});
