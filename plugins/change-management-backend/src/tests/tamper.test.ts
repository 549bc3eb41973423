import { Knex } from 'knex';
import { startChangeManagement } from '../__testUtils__/harness';
import {
  recordHistory,
  rehashChain,
  withoutTriggers,
} from '../__testUtils__/history';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseChainStore } from '../database/DatabaseChainStore';
import { ChainVerificationService } from '../service/ChainVerificationService';
import { RowCheckWorker } from '../service/rowCheckWorker';

jest.setTimeout(120_000);

/**
 * Tampering directly in the database, as someone with its credentials
 * would; verification catches each edit and names the first bad event, or
 * the change whose row no longer matches its events.
 */
describe('tampering with the audit trail', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    const setup = async () => {
      const h = await startChangeManagement({
        knex: await databases.init(databaseId),
      });
      const ids = await recordHistory(h);
      const events = () => h.knex('change_events').orderBy('seq');
      // Each finding is also made with one change a batch, the first
      // checked in this thread and the rest in the worker thread, as a long
      // chain is once the worker has loaded: it must find the same.
      let asked = 0;
      const verify = async () => {
        const { body } = await h.as('oscar').get('/audit/verify');
        const batched = new ChainVerificationService(
          new DatabaseChainStore(h.knex),
          undefined,
          undefined,
          { batchSize: 1 },
        );
        asked = 0;
        const ready = jest
          .spyOn(RowCheckWorker.prototype, 'ready', 'get')
          .mockImplementation(() => ++asked > 1);
        try {
          expect(await batched.verify()).toEqual(body);
        } finally {
          ready.mockRestore();
        }
        return body;
      };
      /** How often the batched check asked whether its worker was ready. */
      const workerAsked = () => asked;
      return { h, ids, knex: h.knex as Knex, events, verify, workerAsked };
    };

    it('finds an untouched history sound, every action replayed', async () => {
      const { verify, events, workerAsked } = await setup();
      const all = await events();
      const last = all[all.length - 1];
      const verified = await verify();
      // The batched check ran in both threads: it asked again after the
      // first batch, which it checked here.
      expect(workerAsked()).toBeGreaterThan(1);
      expect(verified).toEqual({
        ok: true,
        checked: all.length,
        head: {
          eventId: last.id,
          hash: last.hash,
          at: expect.any(String),
        },
      });
    });

    it('names an edited event', async () => {
      const { knex, events, verify } = await setup();
      const [, , third] = await events();
      await withoutTriggers(knex, () =>
        knex('change_events')
          .where({ seq: third.seq })
          .update({ comment: 'approved on the phone' }),
      );
      expect(await verify()).toMatchObject({
        ok: false,
        checked: 2,
        firstBadEventId: third.id,
        problem: expect.stringMatching(/was edited/),
      });
    });

    it('names the event after a deleted one', async () => {
      const { knex, events, verify } = await setup();
      const [, second, third] = await events();
      await withoutTriggers(knex, () =>
        knex('change_events').where({ seq: second.seq }).delete(),
      );
      expect(await verify()).toMatchObject({
        ok: false,
        checked: 1,
        firstBadEventId: third.id,
        problem: expect.stringMatching(/does not follow/),
      });
    });

    it('names the first of two swapped events', async () => {
      const { knex, events, verify } = await setup();
      const [, second, third] = await events();
      await withoutTriggers(knex, async () => {
        await knex('change_events')
          .where({ seq: second.seq })
          .update({ seq: -1 });
        await knex('change_events')
          .where({ seq: third.seq })
          .update({ seq: second.seq });
        await knex('change_events')
          .where({ seq: -1 })
          .update({ seq: third.seq });
      });
      expect(await verify()).toMatchObject({
        ok: false,
        checked: 1,
        firstBadEventId: third.id,
      });
    });

    it('catches a forged event with re-computed hashes, by the checkpoint before it', async () => {
      const { h, ids, knex, events, verify } = await setup();
      const verifier = new ChainVerificationService(
        new DatabaseChainStore(knex),
      );
      await verifier.verifyAndCheckpoint(h.clock.now());
      const [checkpoint] = (await h.as('oscar').get('/audit/checkpoints')).body
        .items;
      const all = await events();
      expect(checkpoint).toMatchObject({
        eventId: all[all.length - 1].id,
        hash: all[all.length - 1].hash,
      });

      // A reminder inserted early in the history (it moves no change, so
      // every row still replays), then the whole chain re-hashed.
      const [first] = all;
      await withoutTriggers(knex, async () => {
        await knex('change_events')
          .where('seq', '>', first.seq)
          .update({ seq: knex.raw('seq + 1000') });
        await knex('change_events').insert({
          ...first,
          seq: Number(first.seq) + 1,
          id: '00000000-0000-4000-8000-00000000f0f0',
          action: 'reminder-sent',
          from_state: 'draft',
          to_state: 'draft',
          comment: 'forged',
          fields: '{}',
        });
        await rehashChain(knex);
      });
      expect(first.change_id).toBe(ids.standard);
      expect(await verify()).toMatchObject({
        ok: false,
        firstBadEventId: checkpoint.eventId,
        problem: expect.stringMatching(/rewritten after the checkpoint/),
      });
    });

    it('names a change whose row was edited to skip the workflow', async () => {
      const { ids, knex, verify } = await setup();
      // No trigger guards the changes table; the export reads it.
      await knex('changes')
        .where({ id: ids.infrastructure })
        .update({
          state: 'ready_for_production',
          approved_by: 'user:default/mallory',
          approved_at: new Date('2026-06-10T09:00:00.000Z'),
        });
      expect(await verify()).toMatchObject({
        ok: false,
        badChangeId: ids.infrastructure,
        problem: expect.stringMatching(/differs .* in: approved, state$/),
      });
    });

    it('names the first event of a change whose row was deleted behind the foreign key', async () => {
      const { ids, knex, events, verify } = await setup();
      const [first] = (await events()).filter(
        e => e.change_id === ids.cancelled,
      );
      const remove = (db: Knex) =>
        db('changes').where({ id: ids.cancelled }).delete();
      if (knex.client.config.client === 'pg') {
        await knex.transaction(async tx => {
          await tx.raw('SET LOCAL session_replication_role = replica');
          await remove(tx);
        });
      } else {
        await knex.raw('PRAGMA foreign_keys = OFF');
        await remove(knex);
        await knex.raw('PRAGMA foreign_keys = ON');
      }
      expect(await knex('changes').where({ id: ids.cancelled })).toEqual([]);
      expect(await verify()).toMatchObject({
        ok: false,
        firstBadEventId: first.id,
        problem: expect.stringMatching(/row was deleted/),
      });
    });

    it('names the newest event of a truncated trail', async () => {
      const { knex, events, verify } = await setup();
      const all = await events();
      // PostgreSQL refuses TRUNCATE by trigger (migrations.test.ts), which
      // the attacker drops; SQLite has no TRUNCATE.
      if (databaseId.startsWith('POSTGRES')) {
        await knex.raw('ALTER TABLE change_events DISABLE TRIGGER USER');
        await knex.raw('TRUNCATE change_events');
      } else {
        await knex('change_events').delete();
      }
      expect(await verify()).toMatchObject({
        ok: false,
        checked: 0,
        firstBadEventId: all[all.length - 1].id,
      });
    });
  });
});
