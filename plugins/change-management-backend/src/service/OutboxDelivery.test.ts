import { mockServices, TestDatabaseId } from '@backstage/backend-test-utils';
import knexFactory, { Knex } from 'knex';
import { DatabaseChangeStore } from '../database/DatabaseChangeStore';
import { DatabaseOutboxStore, enqueue } from '../database/DatabaseOutboxStore';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { backoffMs, OutboxDelivery } from './OutboxDelivery';
import { OutboxHandlers } from './outboxHandlers';

jest.setTimeout(60_000);

const T0 = new Date('2026-06-10T09:00:00.000Z');
const DAY = 24 * 3600_000;
const RETENTION = 7 * DAY;

/** The change store's migrations, which create the outbox. */
async function migrated(knex: Knex) {
  await DatabaseChangeStore.create({
    database: mockServices.database({ knex }),
  });
  return knex;
}

/** Rows of the `notices` kind, written as an action's transaction would. */
async function write(knex: Knex, count: number, at = T0) {
  await knex.transaction(async tx => {
    for (let i = 0; i < count; i++) {
      await enqueue(
        tx,
        `event-${i}`,
        [{ kind: 'notices', payload: { changeId: `c-${i}`, notices: [] } }],
        at,
      );
    }
  });
}

/** A loop on `knex`, at a time the test moves, with a handler it controls. */
function loop(
  knex: Knex,
  options: { maxAttempts?: number; store?: DatabaseOutboxStore } = {},
) {
  const clock = { time: T0, now: () => new Date(clock.time) };
  const logger = mockServices.logger.mock();
  const handler = jest.fn(async (_payload: unknown, _entry: unknown) => {});
  const listener = { delivered: jest.fn(), failed: jest.fn(), dead: jest.fn() };
  const delivery = new OutboxDelivery(
    options.store ?? new DatabaseOutboxStore(knex),
    { notices: handler } as unknown as OutboxHandlers,
    {
      maxAttempts: options.maxAttempts ?? 10,
      deliveryDelayMs: 0,
      retentionMs: RETENTION,
    },
    clock,
    logger,
    listener,
  );
  const at = (ms: number) => (clock.time = new Date(T0.getTime() + ms));
  return { delivery, handler, logger, listener, clock, at };
}

describe('the outbox', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it('delivers a due row once and marks it delivered', async () => {
      const knex = await migrated(await databases.init(databaseId));
      await write(knex, 1);
      const { delivery, handler, listener } = loop(knex);

      await expect(delivery.drain()).resolves.toBe(1);
      expect(handler).toHaveBeenCalledTimes(1);
      expect(handler.mock.calls[0][1]).toMatchObject({
        kind: 'notices',
        eventId: 'event-0',
        attempts: 1,
        createdAt: T0.toISOString(),
      });
      expect(listener.delivered).toHaveBeenCalledTimes(1);
      await expect(delivery.drain()).resolves.toBe(0);
      const [row] = await knex('change_outbox');
      expect(row.delivered_at).not.toBeNull();
      const store = new DatabaseOutboxStore(knex);
      await expect(store.depth()).resolves.toEqual({ pending: 0, dead: 0 });
    });

    it('hands over the rows due together in the order they were written', async () => {
      const knex = await migrated(await databases.init(databaseId));
      await write(knex, 5);
      // An update moves a row's tuple to the end of the table on
      // PostgreSQL, where a scan would then meet it last.
      await knex('change_outbox')
        .where({ event_id: 'event-0' })
        .update({ last_error: 'moved' });
      const { delivery, handler } = loop(knex);
      await expect(delivery.drain()).resolves.toBe(5);
      expect(handler.mock.calls.map(([, entry]: any) => entry.eventId)).toEqual(
        ['event-0', 'event-1', 'event-2', 'event-3', 'event-4'],
      );
    });

    it('marks each row delivered when its own send ends: a slow send holds back no other', async () => {
      const knex = await migrated(await databases.init(databaseId));
      await write(knex, 3);
      const { delivery, handler } = loop(knex);
      let release = () => {};
      const slow = new Promise<void>(resolve => (release = resolve));
      handler.mockImplementationOnce(() => slow);

      // The pass claims and hands over; it does not wait for the sends.
      await expect(delivery.runOnce()).resolves.toBe(3);
      const delivered = async () =>
        (await knex('change_outbox').whereNotNull('delivered_at'))
          .map(row => row.event_id)
          .sort();
      for (let i = 0; i < 100 && (await delivered()).length < 2; i++) {
        await new Promise(resolve => setTimeout(resolve, 10));
      }
      await expect(delivered()).resolves.toEqual(['event-1', 'event-2']);

      release();
      await expect(delivery.drain()).resolves.toBe(0);
      await expect(delivered()).resolves.toEqual([
        'event-0',
        'event-1',
        'event-2',
      ]);
      expect(handler).toHaveBeenCalledTimes(3);
    });

    it('marks the rows sent while a mark is being written together, in one statement', async () => {
      const knex = await migrated(await databases.init(databaseId));
      await write(knex, 4);
      const store = new DatabaseOutboxStore(knex);
      const { delivery, handler, listener } = loop(knex, { store });
      const markDelivered = store.markDelivered.bind(store);
      const marks = jest.spyOn(store, 'markDelivered');
      let release = () => {};
      const held = new Promise<void>(resolve => (release = resolve));
      marks.mockImplementationOnce(async (ids, at) => {
        await held;
        return markDelivered(ids, at);
      });

      await expect(delivery.runOnce()).resolves.toBe(4);
      for (let i = 0; i < 100 && handler.mock.calls.length < 4; i++) {
        await new Promise(resolve => setTimeout(resolve, 10));
      }
      // The first row's mark is under way; the others wait for it.
      expect(marks).toHaveBeenCalledTimes(1);
      release();
      await delivery.drain();

      const eventsOf = (ids: string[]) =>
        knex('change_outbox')
          .whereIn('id', ids)
          .orderBy('event_id')
          .pluck('event_id');
      expect(marks).toHaveBeenCalledTimes(2);
      await expect(eventsOf(marks.mock.calls[0][0])).resolves.toEqual([
        'event-0',
      ]);
      await expect(eventsOf(marks.mock.calls[1][0])).resolves.toEqual([
        'event-1',
        'event-2',
        'event-3',
      ]);
      await expect(
        knex('change_outbox').whereNull('delivered_at'),
      ).resolves.toEqual([]);
      expect(listener.delivered).toHaveBeenCalledTimes(4);
    });

    it('marks every row delivered even when a listener throws', async () => {
      const knex = await migrated(await databases.init(databaseId));
      await write(knex, 3);
      const { delivery, listener, logger } = loop(knex);
      listener.delivered.mockImplementationOnce(() => {
        throw new Error('metrics down');
      });

      await expect(delivery.drain()).resolves.toBe(3);
      await expect(
        knex('change_outbox').whereNull('delivered_at'),
      ).resolves.toEqual([]);
      expect(logger.warn).toHaveBeenCalledWith(
        'An outbox listener failed',
        expect.objectContaining({ message: 'metrics down' }),
      );
    });

    it('hands over the events of one change one after another, and those of others beside them', async () => {
      const knex = await migrated(await databases.init(databaseId));
      await knex.transaction(async tx => {
        for (let i = 0; i < 4; i++) {
          await enqueue(
            tx,
            `event-${i}`,
            [
              {
                kind: 'change-event',
                payload: { changeId: i < 3 ? 'c-1' : 'c-2' },
              },
            ],
            T0,
          );
        }
      });
      const seen: string[] = [];
      const publish = jest.fn(async (_payload: unknown, entry: any) => {
        seen.push(`start ${entry.eventId}`);
        // The first is the slowest: in parallel, it would end last.
        await new Promise(resolve =>
          setTimeout(resolve, entry.eventId === 'event-0' ? 50 : 0),
        );
        seen.push(`end ${entry.eventId}`);
      });
      const delivery = new OutboxDelivery(
        new DatabaseOutboxStore(knex),
        { 'change-event': publish } as unknown as OutboxHandlers,
        { maxAttempts: 10, deliveryDelayMs: 0, retentionMs: RETENTION },
        { now: () => T0 },
        mockServices.logger.mock(),
      );
      await expect(delivery.drain()).resolves.toBe(4);
      // event-3, of another change, need not wait for the slow event-0.
      expect(seen.indexOf('end event-3')).toBeLessThan(
        seen.indexOf('end event-0'),
      );
      expect(seen.filter(step => !step.endsWith('event-3'))).toEqual([
        'start event-0',
        'end event-0',
        'start event-1',
        'end event-1',
        'start event-2',
        'end event-2',
      ]);
    });

    it('tries a failed row again after a doubling backoff, then gives up on it', async () => {
      const knex = await migrated(await databases.init(databaseId));
      await write(knex, 1);
      const { delivery, handler, logger, listener, at } = loop(knex, {
        maxAttempts: 3,
      });
      handler.mockRejectedValue(new Error('notifications backend down'));

      await expect(delivery.drain()).resolves.toBe(1);
      // Not again before its backoff is over: 1 s, then 2 s.
      at(backoffMs(1) - 1);
      await expect(delivery.drain()).resolves.toBe(0);
      at(backoffMs(1));
      await expect(delivery.drain()).resolves.toBe(1);
      at(backoffMs(1) + backoffMs(2) - 1);
      await expect(delivery.drain()).resolves.toBe(0);
      expect(listener.failed).toHaveBeenCalledTimes(2);
      expect(listener.dead).not.toHaveBeenCalled();
      const store = new DatabaseOutboxStore(knex);
      await expect(store.depth()).resolves.toEqual({
        pending: 1,
        oldestCreatedAt: T0.toISOString(),
        dead: 0,
      });

      at(backoffMs(1) + backoffMs(2));
      await expect(delivery.drain()).resolves.toBe(1);
      expect(handler).toHaveBeenCalledTimes(3);
      expect(listener.dead).toHaveBeenCalledTimes(1);
      expect(logger.error).toHaveBeenCalledWith(
        expect.stringMatching(
          /^Gave up on the notices of event event-0 \(outbox row \d+\) after 3 attempts: notifications backend down$/,
        ),
      );
      const [row] = await knex('change_outbox');
      expect(row).toMatchObject({
        attempts: 3,
        last_error: 'notifications backend down',
        delivered_at: null,
      });
      expect(row.dead_at).not.toBeNull();
      await expect(store.depth()).resolves.toEqual({ pending: 0, dead: 1 });
      at(3_600_000);
      await expect(delivery.drain()).resolves.toBe(0);
    });

    it('delivers after a restart a row claimed by a replica that died', async () => {
      const knex = await migrated(await databases.init(databaseId));
      await write(knex, 1);
      // The replica claimed the row and was killed before it sent it.
      const [claimed] = await new DatabaseOutboxStore(knex).claim({
        kinds: ['notices'],
        now: T0,
        dueBy: T0,
        limit: 10,
        leaseMs: 30_000,
        claimant: 'killed',
      });
      expect(claimed.attempts).toBe(1);

      const { delivery, handler, at } = loop(knex);
      at(29_999);
      await expect(delivery.drain()).resolves.toBe(0);
      at(30_001);
      await expect(delivery.drain()).resolves.toBe(1);
      expect(handler).toHaveBeenCalledTimes(1);
      expect(handler.mock.calls[0][1]).toMatchObject({ attempts: 2 });
    });

    it('deletes the rows delivered longer ago than the retention, and keeps the others', async () => {
      const knex = await migrated(await databases.init(databaseId));
      await write(knex, 2);
      const { delivery, handler, at } = loop(knex, { maxAttempts: 1 });
      // One is delivered, the other is given up on.
      handler
        .mockResolvedValueOnce(undefined)
        .mockRejectedValueOnce(new Error('down'));
      await expect(delivery.drain()).resolves.toBe(2);
      // One more, delivered a day later.
      at(DAY);
      await write(knex, 1, new Date(T0.getTime() + DAY));
      await expect(delivery.drain()).resolves.toBe(1);
      // One still to deliver, written long ago, for a kind not handled here.
      await knex.transaction(tx =>
        enqueue(tx, 'e-x', [{ kind: 'a-later-kind', payload: {} }], T0),
      );
      const left = async () =>
        (await knex('change_outbox').orderBy('id')).map(row => ({
          delivered: row.delivered_at !== null,
          dead: row.dead_at !== null,
        }));
      const before = await left();
      expect(before).toHaveLength(4);

      // Within the retention (7 days), nothing goes.
      at(RETENTION);
      await expect(delivery.purge()).resolves.toBe(0);
      // Past it for the first delivered row only.
      at(RETENTION + 1);
      await expect(delivery.purge()).resolves.toBe(1);
      expect(await left()).toEqual(before.slice(1));
      at(RETENTION + DAY + 1);
      await expect(delivery.purge()).resolves.toBe(1);
      expect(await left()).toEqual([
        { delivered: false, dead: true },
        { delivered: false, dead: false },
      ]);
    });

    it('leaves the kinds it has no handler for', async () => {
      const knex = await migrated(await databases.init(databaseId));
      await knex.transaction(tx =>
        enqueue(tx, 'e-1', [{ kind: 'a-later-kind', payload: {} }], T0),
      );
      const { delivery } = loop(knex);
      await expect(delivery.drain()).resolves.toBe(0);
      const [row] = await knex('change_outbox');
      expect(row).toMatchObject({ attempts: 0, delivered_at: null });
    });
  });

  const postgres = databases
    .eachSupportedId()
    .filter(([id]) => id.startsWith('POSTGRES'));
  const none: [TestDatabaseId][] = [['POSTGRES_15']];

  (postgres.length ? describe.each(postgres) : describe.skip.each(none))(
    '%p, two replicas',
    databaseId => {
      it('deliver each row exactly once', async () => {
        const knex = await migrated(await databases.init(databaseId));
        const otherPool = knexFactory(knex.client.config);
        try {
          await write(knex, 100);
          const a = loop(knex);
          const b = loop(otherPool);
          // Each send yields, so that the two replicas' passes interleave.
          for (const { handler } of [a, b]) {
            handler.mockImplementation(
              () => new Promise(resolve => setImmediate(resolve)),
            );
          }
          await Promise.all([
            a.delivery.drain(),
            b.delivery.drain(),
            a.delivery.drain(),
            b.delivery.drain(),
          ]);
          const sent = [...a.handler.mock.calls, ...b.handler.mock.calls].map(
            ([, entry]) => (entry as { eventId: string }).eventId,
          );
          expect(sent).toHaveLength(100);
          expect(new Set(sent).size).toBe(100);
          const [{ n }] = await knex('change_outbox')
            .whereNull('delivered_at')
            .count({ n: '*' });
          expect(Number(n)).toBe(0);
        } finally {
          await otherPool.destroy();
        }
      });

      it('skip a row another holds instead of waiting for it', async () => {
        const knex = await migrated(await databases.init(databaseId));
        const otherPool = knexFactory(knex.client.config);
        try {
          await write(knex, 2);
          const ids = (await knex('change_outbox').orderBy('id')).map(r =>
            String(r.id),
          );
          // Without SKIP LOCKED the claim would wait for this transaction,
          // which waits for the claim.
          await knex.transaction(async tx => {
            await tx('change_outbox').where({ id: ids[0] }).forUpdate();
            const claimed = await new DatabaseOutboxStore(otherPool).claim({
              kinds: ['notices'],
              now: T0,
              dueBy: T0,
              limit: 10,
              leaseMs: 30_000,
              claimant: 'b',
            });
            expect(claimed.map(entry => entry.id)).toEqual([ids[1]]);
          });
        } finally {
          await otherPool.destroy();
        }
      });
    },
  );
});
