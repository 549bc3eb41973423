import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseChangeStore } from './DatabaseChangeStore';
import { DatabaseOutboxStore, dueQuery } from './DatabaseOutboxStore';

jest.setTimeout(60_000);

const NOW = new Date('2026-06-10T09:00:00.000Z');

/** The query plan's text, with sequential scans discouraged on PostgreSQL. */
async function plan(knex: Knex): Promise<string> {
  const query = dueQuery(knex, {
    kinds: ['action-notices', 'notices'],
    now: NOW,
    dueBy: NOW,
    limit: 20,
  });
  const { sql, bindings } = query.toSQL();
  if (knex.client.config.client === 'pg') {
    return knex.transaction(async tx => {
      // An empty table is cheapest to scan; ask what else it can do.
      await tx.raw('SET LOCAL enable_seqscan = off');
      const result = await tx.raw(`EXPLAIN ${sql}`, bindings);
      return result.rows.map((r: any) => r['QUERY PLAN']).join('\n');
    });
  }
  const rows = await knex.raw(`EXPLAIN QUERY PLAN ${sql}`, bindings);
  return rows.map((r: any) => r.detail).join('\n');
}

describe('the outbox’s claim', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it('finds the due rows through the index of rows still to deliver', async () => {
      const knex = await databases.init(databaseId);
      await DatabaseChangeStore.create({
        database: mockServices.database({ knex }),
      });
      expect(await plan(knex)).toContain('change_outbox_pending_idx');
    });

    it("writes a module's row once per kind and key, and not if its transaction rolls back", async () => {
      const knex = await databases.init(databaseId);
      await DatabaseChangeStore.create({
        database: mockServices.database({ knex }),
      });
      const store = new DatabaseOutboxStore(knex);
      const callback = { kind: 'github-deployment-callback', payload: {} };
      await expect(store.enqueueKeyed(callback, 'k1', NOW)).resolves.toBe(true);
      await expect(store.enqueueKeyed(callback, 'k1', NOW)).resolves.toBe(
        false,
      );
      await expect(
        store.enqueueKeyed({ ...callback, kind: 'other' }, 'k1', NOW),
      ).resolves.toBe(true);
      await expect(
        knex.transaction(async tx => {
          await store.enqueueKeyed(callback, 'k2', NOW, tx);
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      const rows = await knex('change_outbox').select('kind', 'dedup_key');
      expect(rows).toHaveLength(2);
      const claimed = await store.claim({
        kinds: [callback.kind],
        now: NOW,
        dueBy: NOW,
        limit: 10,
        leaseMs: 1000,
        claimant: 'test',
      });
      expect(claimed).toEqual([
        expect.objectContaining({ kind: callback.kind, attempts: 1 }),
      ]);
    });
  });
});
