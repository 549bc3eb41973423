import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';

const migrationsDir = resolvePackagePath(
  '@trove/backstage-plugin-change-management-backend',
  'migrations',
);
const LIST_KEYS = '20261126020000_list_keys.js';
const DEPLOY_DAYS = '20261229000000_deploy_days.js';
const METRIC_ROLLUPS = '20261230000000_metric_rollups.js';
const METRIC_WEEKS = '20261231000000_metric_week_rollups.js';
const METRIC_MARKS_VACUUM = '20261231010000_metric_marks_vacuum.js';
const DEPLOY_EVENTS_INDEX = '20261231020000_deploy_events_index.js';
const PULL_REQUEST_AT_DEPLOY = '20261231030000_pull_request_at_deploy.js';

jest.setTimeout(60_000);

function changeRow(id: string, createdAt: Date) {
  return {
    id,
    type: 'standard',
    state: 'draft',
    version: 1,
    title: id,
    description: '',
    risks: '',
    testing_notes: '',
    created_by: 'user:default/alice',
    created_at: createdAt,
    updated_at: new Date(),
    exceptions: '[]',
  };
}

const keysOf = async (knex: Knex) =>
  (
    await knex('change_entities')
      .orderBy(['change_id', 'entity_ref'])
      .select('change_id', 'entity_ref', 'created_at')
  ).map(r => ({ ...r, created_at: new Date(r.created_at).toISOString() }));

/**
 * Newest first: the calendar's and the metrics' triggers read
 * change_entities, which list_keys' down rebuilds on SQLite.
 */
async function downListKeys(knex: Knex) {
  await knex.migrate.down({
    directory: migrationsDir,
    name: PULL_REQUEST_AT_DEPLOY,
  });
  await knex.migrate.down({
    directory: migrationsDir,
    name: DEPLOY_EVENTS_INDEX,
  });
  await knex.migrate.down({
    directory: migrationsDir,
    name: METRIC_MARKS_VACUUM,
  });
  await knex.migrate.down({ directory: migrationsDir, name: METRIC_WEEKS });
  await knex.migrate.down({ directory: migrationsDir, name: METRIC_ROLLUPS });
  await knex.migrate.down({ directory: migrationsDir, name: DEPLOY_DAYS });
  await knex.migrate.down({ directory: migrationsDir, name: LIST_KEYS });
}

describe('migration list_keys', () => {
  const databases = createTestDatabases({ freshPerTest: true });

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it('copies each change’s created_at beside its entities, then requires it; down removes it', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: migrationsDir });
      await downListKeys(knex);
      await expect(
        knex.schema.hasColumn('change_entities', 'created_at'),
      ).resolves.toBe(false);

      // Rows written before the migration, as the store wrote them then.
      const first = new Date('2026-01-01T10:00:00.000Z');
      const second = new Date('2026-02-01T10:00:00.000Z');
      await knex('changes').insert([
        changeRow('c1', first),
        changeRow('c2', second),
      ]);
      await knex('change_entities').insert([
        { change_id: 'c1', entity_ref: 'component:default/a' },
        { change_id: 'c2', entity_ref: 'component:default/a' },
        { change_id: 'c2', entity_ref: 'system:default/s' },
      ]);

      await knex.migrate.latest({ directory: migrationsDir });
      expect(await keysOf(knex)).toEqual([
        {
          change_id: 'c1',
          entity_ref: 'component:default/a',
          created_at: first.toISOString(),
        },
        {
          change_id: 'c2',
          entity_ref: 'component:default/a',
          created_at: second.toISOString(),
        },
        {
          change_id: 'c2',
          entity_ref: 'system:default/s',
          created_at: second.toISOString(),
        },
      ]);
      // A writer that forgets the key is refused.
      await expect(
        knex('change_entities').insert({
          change_id: 'c1',
          entity_ref: 'component:default/b',
        }),
      ).rejects.toThrow(/null/i);

      await downListKeys(knex);
      await expect(
        knex.schema.hasColumn('change_entities', 'created_at'),
      ).resolves.toBe(false);
      await expect(knex('change_entities').count({ n: '*' })).resolves.toEqual([
        { n: databaseId.startsWith('POSTGRES') ? '3' : 3 },
      ]);
      // and up again over the same rows
      await knex.migrate.latest({ directory: migrationsDir });
      expect((await keysOf(knex)).map(k => k.created_at)).toEqual([
        first.toISOString(),
        second.toISOString(),
        second.toISOString(),
      ]);
      await knex.destroy();
    });
  });
});
