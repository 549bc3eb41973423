import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { seedCompletedChanges } from '../__testUtils__/bulkChanges';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseChangeStore } from './DatabaseChangeStore';
import { EXPORT_BATCH, EXPORT_CURSORS } from './exportQuery';

jest.setTimeout(60_000);

/** Connections the knex pool has lent out and not had back. */
const lent = (knex: Knex): number =>
  (knex.client as { pool: { numUsed(): number } }).pool.numUsed();

describe('the export read', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    let knex: Knex;
    let store: DatabaseChangeStore;
    // A minute apart: the period below holds two full batches and a part.
    const count = 2 * EXPORT_BATCH + 17;
    const from = new Date('2026-01-01T00:00:00Z');

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      store = await DatabaseChangeStore.create({
        database: mockServices.database({ knex }),
      });
      await seedCompletedChanges(knex, count, { from, stepMs: 60_000 });
    });

    it('reads every change of the period once, oldest first, in batches', async () => {
      // Leaves out the first 3 and the last 4.
      const createdFrom = new Date(from.getTime() + 3 * 60_000);
      const createdTo = new Date(from.getTime() + (count - 4) * 60_000);
      const sizes: number[] = [];
      const times: string[] = [];
      for await (const batch of store.exportChanges({
        createdFrom,
        createdTo,
      })) {
        sizes.push(batch.length);
        times.push(...batch.map(c => c.createdAt));
        expect(batch[0].affectedEntityRefs).toEqual([
          'component:default/payments-service',
        ]);
      }
      expect(sizes).toEqual([
        EXPORT_BATCH,
        EXPORT_BATCH,
        count - 7 - 2 * EXPORT_BATCH,
      ]);
      expect(times[0]).toBe(createdFrom.toISOString());
      expect(times[times.length - 1]).toBe(
        new Date(createdTo.getTime() - 60_000).toISOString(),
      );
      expect(new Set(times).size).toBe(times.length);
      expect([...times].sort()).toEqual(times);
    });

    it('gives its connection back when the reader stops half-way', async () => {
      // A client that goes away after the first batch: the export's
      // generator is returned early, as the response's pipeline does.
      for await (const batch of store.exportChanges({})) {
        expect(batch).toHaveLength(EXPORT_BATCH);
        expect(lent(knex)).toBeGreaterThanOrEqual(
          databaseId.startsWith('POSTGRES') ? 1 : 0,
        );
        break;
      }
      // The cursor is closed and the connection released on its own time.
      for (let i = 0; i < 50 && lent(knex) > 0; i++) {
        await new Promise(resolve => setTimeout(resolve, 20));
      }
      expect(lent(knex)).toBe(0);
      // And the database answers the next query.
      const [{ n }] = await knex('changes').count({ n: '*' });
      expect(Number(n)).toBe(count);
    });

    it('reads in keyset batches beyond the open cursors, holding no connection between them', async () => {
      const pg = databaseId.startsWith('POSTGRES');
      const readers = [...Array(EXPORT_CURSORS + 1)].map(() =>
        store.exportChanges({})[Symbol.asyncIterator](),
      );
      const counts: number[] = [];
      for (const reader of readers) {
        const first = await reader.next();
        counts.push(first.done ? 0 : first.value.length);
      }
      // Each holds its first batch: on PostgreSQL the first ones hold a
      // cursor and its connection each, the last none until its next read.
      expect(lent(knex)).toBe(pg ? EXPORT_CURSORS : 0);
      // Each reads every change once, in order.
      for (const [i, reader] of readers.entries()) {
        let last = '';
        for (let r = await reader.next(); !r.done; r = await reader.next()) {
          counts[i] += r.value.length;
          expect(r.value[0].createdAt > last).toBe(true);
          last = r.value[r.value.length - 1].createdAt;
        }
      }
      expect(counts).toEqual(readers.map(() => count));
      expect(lent(knex)).toBe(0);
    });

    it("writes the PR of the change's last deploy from the row's copy, which each deploy sets", async () => {
      const id = '00000000-0000-4000-8000-000000000000';
      const snapshot = {
        url: 'https://github.com/acme/payments-service/pull/0',
        repository: 'acme/payments-service',
        number: 0,
        title: 'PSP SDK v5',
        state: 'merged',
        author: 'alice',
        headSha: 'abc',
        mergeSha: 'def',
        mergedAt: '2026-01-01T00:00:00.000Z',
        approvals: [],
        checks: [],
        readAt: '2026-01-01T00:30:00.000Z',
      };
      const act = async (action: string, fields: Record<string, unknown>) => {
        const change = (await store.getChange(id))!;
        await store.updateChange({
          change: { ...change, version: change.version + 1 },
          expectedVersion: change.version,
          event: {
            action: action as 'deploy',
            fromState: change.state,
            toState: change.state,
            actor: 'user:default/alice',
            at: new Date(),
            fields,
          },
        });
      };
      const exported = async () => {
        for await (const [first] of store.exportChanges({})) {
          return first.pullRequestAtDeploy;
        }
        throw new Error('nothing exported');
      };
      expect(await exported()).toBeUndefined();
      await act('deploy', { pullRequest: snapshot });
      expect(await exported()).toEqual(snapshot);
      // An action after the deploy leaves the copy as it was.
      await act('verify', { pullRequest: { ...snapshot, state: 'closed' } });
      expect(await exported()).toEqual(snapshot);
      // A deploy that read no PR says so.
      await act('deploy', {});
      expect(await exported()).toBeUndefined();
    });
  });
});
