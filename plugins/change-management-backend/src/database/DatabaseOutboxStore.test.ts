import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseChangeStore } from './DatabaseChangeStore';
import { dueQuery } from './DatabaseOutboxStore';

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
  });
});
