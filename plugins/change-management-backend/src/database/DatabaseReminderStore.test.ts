import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseChangeStore } from './DatabaseChangeStore';
import { pendingQuery } from './DatabaseReminderStore';
import { PendingQuery } from './ReminderStore';

jest.setTimeout(60_000);

const UP_TO = new Date('2026-06-12T10:00:00.000Z');

/** The query plan's text, with sequential scans discouraged on PostgreSQL. */
async function plan(knex: Knex, query: PendingQuery): Promise<string> {
  const { sql, bindings } = pendingQuery(knex, query).toSQL();
  if (knex.client.config.client === 'pg') {
    return knex.transaction(async tx => {
      // An almost empty table is cheapest to scan; ask what else it can do.
      await tx.raw('SET LOCAL enable_seqscan = off');
      const result = await tx.raw(`EXPLAIN ${sql}`, bindings);
      return result.rows.map((r: any) => r['QUERY PLAN']).join('\n');
    });
  }
  const rows = await knex.raw(`EXPLAIN QUERY PLAN ${sql}`, bindings);
  return rows.map((r: any) => r.detail).join('\n');
}

describe('the clock’s query', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it.each([
      ['retrospective', 'changes_retro_due_idx'],
      ['verification', 'changes_deployed_idx'],
    ] as const)(
      'finds pending %s changes through an index, not a full scan',
      async (clock, index) => {
        const knex = await databases.init(databaseId);
        await DatabaseChangeStore.create({
          database: mockServices.database({ knex }),
        });
        const text = await plan(knex, {
          clock,
          threshold: 'overdue',
          upTo: UP_TO,
          cursor: { time: UP_TO.toISOString(), id: 'x' },
          limit: 100,
        });
        expect(text).toContain(index);
        await knex.destroy();
      },
    );
  });
});
