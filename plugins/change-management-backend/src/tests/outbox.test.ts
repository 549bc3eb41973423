import { actionFields, drafts } from '../__testUtils__/changes';
import { startChangeManagement, users } from '../__testUtils__/harness';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

/** The outbox through the real plugin: written with the action, sent after. */
describe('the outbox', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it('holds an action’s notices from its transaction until they are sent, and nothing for a refusal', async () => {
      const h = await startChangeManagement({
        knex: await databases.init(databaseId),
      });
      const { body } = await h.as('alice').post('/changes', drafts.standard);
      await h.act('alice', body.id, 'submit');
      const [create, submit] = await h
        .knex('change_events')
        .where({ change_id: body.id })
        .orderBy('seq');
      expect(submit.action).toBe('submit');
      const rows = await h.knex('change_outbox').orderBy('id');
      const row = (kind: string, event: { id: string }) =>
        expect.objectContaining({
          kind,
          event_id: event.id,
          attempts: 1,
          dead_at: null,
        });
      // Raising it calls for no notice; each step has its event and signal.
      expect(rows).toEqual([
        row('change-event', create),
        row('change-signal', create),
        row('action-notices', submit),
        row('change-event', submit),
        row('change-signal', submit),
      ]);
      for (const { delivered_at } of rows) {
        expect(delivered_at).not.toBeNull();
      }
      expect(h.sent).toEqual([
        expect.objectContaining({
          payload: expect.objectContaining({
            topic: `change:${body.id}`,
            scope: `change-management:${submit.id}:review`,
          }),
        }),
      ]);

      // Refused by the workflow (an approval before review), and refused as
      // stale: neither writes an outbox row.
      const approve = await h.as('carol').post(`/changes/${body.id}/actions`, {
        action: 'approve',
        version: 2,
        ...actionFields.approve,
      });
      expect(approve.status).toBe(409);
      const stale = await h.as('bob').post(`/changes/${body.id}/actions`, {
        action: 'review',
        version: 1,
        ...actionFields.review,
      });
      expect(stale.status).toBe(409);
      await h.drain();
      expect(await h.count('change_outbox')).toBe(rows.length);
      expect(h.sent).toHaveLength(1);
    });

    it('sends after a restart what a replica committed but never sent', async () => {
      const knex = await databases.init(databaseId);
      // The first replica holds its rows back, as if it died right after
      // the commit.
      const first = await startChangeManagement({
        knex,
        changeManagement: {
          roles: { cto: ['group:default/cto'] },
          outbox: { deliveryDelay: { hours: 1 } },
        },
      });
      const { body } = await first
        .as('alice')
        .post('/changes', drafts.standard);
      const submitted = await first
        .as('alice')
        .post(`/changes/${body.id}/actions`, { action: 'submit', version: 1 });
      expect(submitted.status).toBe(200);
      await expect(first.drain()).resolves.toBe(0);
      expect(first.sent).toEqual([]);

      const second = await startChangeManagement({ knex });
      await second.drain();
      expect(second.sent).toEqual([
        expect.objectContaining({
          recipients: {
            type: 'entity',
            entityRef: [users.bob],
            excludeEntityRef: users.alice,
          },
          payload: expect.objectContaining({ topic: `change:${body.id}` }),
        }),
      ]);
      await second.drain();
      expect(second.sent).toHaveLength(1);
      expect(first.sent).toEqual([]);
    });
  });
});
