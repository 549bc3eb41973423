import { drafts } from '../__testUtils__/changes';
import { startChangeManagement } from '../__testUtils__/harness';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

describe('audit trail and change log', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    const setup = async () => {
      const h = await startChangeManagement({
        knex: await databases.init(databaseId),
      });
      const { body } = await h.as('alice').post('/changes', drafts.standard);
      await h.act('alice', body.id, 'submit');
      await h.act('bob', body.id, 'review');
      return { h, id: body.id };
    };

    // PostgreSQL refuses these edits by trigger; an attacker with the
    // rights to drop it could still make them, which is what verify catches.
    const withoutTrigger = async (h: any, edit: () => Promise<unknown>) => {
      if (databaseId.startsWith('POSTGRES')) {
        await h.knex.raw(
          'ALTER TABLE change_events DISABLE TRIGGER change_events_append_only',
        );
      }
      await edit();
    };

    it('detects an edited event', async () => {
      const { h } = await setup();
      const [second] = await h
        .knex('change_events')
        .orderBy('seq')
        .offset(1)
        .limit(1);
      await withoutTrigger(h, () =>
        h
          .knex('change_events')
          .where({ seq: second.seq })
          .update({ actor: 'user:default/mallory' }),
      );
      expect((await h.as('oscar').get('/audit/verify')).body).toMatchObject({
        ok: false,
        checked: 1,
        firstBadEventId: second.id,
      });
    });

    it('detects a deleted newest event', async () => {
      const { h } = await setup();
      const [last] = await h
        .knex('change_events')
        .orderBy('seq', 'desc')
        .limit(1);
      await withoutTrigger(h, () =>
        h.knex('change_events').where({ seq: last.seq }).delete(),
      );
      expect((await h.as('oscar').get('/audit/verify')).body).toMatchObject({
        ok: false,
        checked: 2,
        firstBadEventId: last.id,
      });
    });

    it('exports the SOP change log as CSV and JSON', async () => {
      const { h, id } = await setup();
      await h.act('carol', id, 'approve');
      const range = '/export?from=2026-06-01T00:00:00Z&to=2026-07-01T00:00:00Z';
      const csv = await h.as('oscar').get(range);
      expect(csv.body.error?.message).toBeUndefined();
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toMatch(/text\/csv/);
      const [header, row] = csv.text.trim().split('\n');
      // The SOP's columns come first, in the SOP's order.
      expect(header).toMatch(
        /^ID,Date,Change type,Description,Systems affected,Raised by,Reviewed by,CTO approval,Staging tested,Deployed to production,Post-deployment verified,Issues encountered,State,Incident,Retrospective,Exceptions,/,
      );
      expect(row).toContain(`${id},2026-06-10T09:00:00.000Z,Standard,`);
      expect(row).toContain('user:default/alice,user:default/bob at');

      const json = await h.as('oscar').get(`${range}&format=json`);
      expect(json.body.items).toEqual([
        expect.objectContaining({
          id,
          changeType: 'Standard',
          systemsAffected:
            'system:default/payments component:default/payments-service',
          raisedBy: 'user:default/alice',
          ctoApproval: expect.stringMatching(
            /^approved by user:default\/carol at /,
          ),
          stagingTested: '',
          state: 'approved',
        }),
      ]);
      const outside = await h
        .as('oscar')
        .get('/export?from=2026-07-01&to=2026-08-01&format=json');
      expect(outside.body.items).toEqual([]);
    });
  });
});
