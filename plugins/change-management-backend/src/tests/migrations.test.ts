import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { createTestDatabases } from '../__testUtils__/testDatabases';

const migrationsDir = resolvePackagePath(
  '@trove/backstage-plugin-change-management-backend',
  'migrations',
);

jest.setTimeout(60_000);

describe('migrations', () => {
  const databases = createTestDatabases({ freshPerTest: true });

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it('migrates up and all the way down again', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: migrationsDir });
      for (const table of [
        'changes',
        'change_entities',
        'change_events',
        'change_event_chain',
        'change_chain_checkpoints',
        'change_reminders',
        'change_outbox',
      ]) {
        await expect(knex.schema.hasTable(table)).resolves.toBe(true);
      }
      await expect(
        knex.schema.hasColumn('change_entities', 'owner_ref'),
      ).resolves.toBe(true);

      await expect(knex.schema.hasTable('change_reminders')).resolves.toBe(
        true,
      );

      await expect(
        knex.schema.hasColumn('change_chain_checkpoints', 'signature'),
      ).resolves.toBe(true);

      for (const column of [
        'planned_start',
        'planned_end',
        'caused_by',
        'risk',
        'second_reviewed_by',
        'second_reviewed_at',
      ]) {
        await expect(knex.schema.hasColumn('changes', column)).resolves.toBe(
          true,
        );
      }

      // each migration's down undoes its own part, and only that, newest first
      const pg = knex.client.config.client === 'pg';
      // Issue 19: the row's copy of its PR at deploy, for the export.
      await expect(
        knex.schema.hasColumn('changes', 'pull_request_at_deploy'),
      ).resolves.toBe(true);
      await knex.migrate.down({
        directory: migrationsDir,
        name: '20261231030000_pull_request_at_deploy.js',
      });
      await expect(
        knex.schema.hasColumn('changes', 'pull_request_at_deploy'),
      ).resolves.toBe(false);
      // Issue 19: the export finds a change's last deploy event in the
      // partial index of the deploy events.
      const indexNames = async (): Promise<string[]> =>
        (pg
          ? (
              await knex.raw(
                `SELECT indexname AS name FROM pg_indexes WHERE tablename = 'change_events'`,
              )
            ).rows
          : await knex.raw(
              `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'change_events'`,
            )
        ).map((r: { name: string }) => r.name);
      expect(await indexNames()).toEqual(
        expect.arrayContaining([
          'change_events_deploy_idx',
          'change_events_submit_idx',
        ]),
      );
      await knex.migrate.down({
        directory: migrationsDir,
        name: '20261231020000_deploy_events_index.js',
      });
      expect(await indexNames()).not.toContain('change_events_deploy_idx');
      expect(await indexNames()).toContain('change_events_submit_idx');
      // Issue 21: the marks' queue vacuumed after every thousand dead rows,
      // on PostgreSQL (SQLite has no autovacuum to tune).
      const options = async (): Promise<string[] | null> =>
        pg
          ? (
              await knex.raw(
                `SELECT reloptions FROM pg_class WHERE relname = 'change_metrics_dirty'`,
              )
            ).rows[0].reloptions
          : null;
      expect(await options()).toEqual(
        pg
          ? [
              'autovacuum_vacuum_scale_factor=0',
              'autovacuum_vacuum_threshold=1000',
            ]
          : null,
      );
      await knex.migrate.down({
        directory: migrationsDir,
        name: '20261231010000_metric_marks_vacuum.js',
      });
      expect(await options()).toBeNull();
      // Issue 21: the metrics' sums per week.
      for (const table of [
        'change_metric_weeks',
        'change_metric_week_buckets',
      ]) {
        await expect(knex.schema.hasTable(table)).resolves.toBe(true);
      }
      await knex.migrate.down({
        directory: migrationsDir,
        name: '20261231000000_metric_week_rollups.js',
      });
      for (const table of [
        'change_metric_weeks',
        'change_metric_week_buckets',
      ]) {
        await expect(knex.schema.hasTable(table)).resolves.toBe(false);
      }
      await expect(knex.schema.hasTable('change_metric_days')).resolves.toBe(
        true,
      );
      // Issue 21: the metrics' rollups and the marks that keep them.
      const rollupTables = [
        'change_metrics_dirty',
        'change_metric_rows',
        'change_metric_days',
        'change_metric_buckets',
      ];
      for (const table of rollupTables) {
        await expect(knex.schema.hasTable(table)).resolves.toBe(true);
      }
      await knex.migrate.down({
        directory: migrationsDir,
        name: '20261230000000_metric_rollups.js',
      });
      for (const table of rollupTables) {
        await expect(knex.schema.hasTable(table)).resolves.toBe(false);
      }
      // Its triggers went with it; the calendar's stay.
      const triggerNames = async (): Promise<string[]> =>
        knex.client.config.client === 'pg'
          ? (
              await knex.raw(
                `SELECT tgname AS name FROM pg_trigger WHERE NOT tgisinternal`,
              )
            ).rows.map((r: { name: string }) => r.name)
          : (
              await knex.raw(
                `SELECT name FROM sqlite_master WHERE type = 'trigger'`,
              )
            ).map((r: { name: string }) => r.name);
      const triggersLeft = await triggerNames();
      expect(triggersLeft.filter(n => n.startsWith('change_metrics_'))).toEqual(
        [],
      );
      expect(triggersLeft).toContain('change_deploy_days_ins');
      // Issue 21: the calendar's counts, kept by triggers.
      await knex.migrate.down({
        directory: migrationsDir,
        name: '20261229000000_deploy_days.js',
      });
      await expect(knex.schema.hasTable('change_deploy_days')).resolves.toBe(
        false,
      );
      // Issue 20: the keys of modules' outbox rows.
      await expect(
        knex.schema.hasColumn('change_outbox', 'dedup_key'),
      ).resolves.toBe(true);
      await knex.migrate.down({
        directory: migrationsDir,
        name: '20261228000000_outbox_keys.js',
      });
      await expect(
        knex.schema.hasColumn('change_outbox', 'dedup_key'),
      ).resolves.toBe(false);
      await expect(
        knex.schema.hasColumn('change_outbox', 'event_id'),
      ).resolves.toBe(true);
      // Issue 21: the metrics' indexes.
      const indexes = async () => {
        const names =
          knex.client.config.client === 'pg'
            ? (await knex.raw(`SELECT indexname AS name FROM pg_indexes`)).rows
            : await knex.raw(
                `SELECT name FROM sqlite_master WHERE type = 'index'`,
              );
        return names.map((r: { name: string }) => r.name);
      };
      const metricsIndexes = [
        'changes_deployed_at_idx',
        'change_events_submit_idx',
      ];
      expect(await indexes()).toEqual(expect.arrayContaining(metricsIndexes));
      await knex.migrate.down({
        directory: migrationsDir,
        name: '20261223120000_metrics_indexes.js',
      });
      const left = await indexes();
      expect(left.filter((n: string) => metricsIndexes.includes(n))).toEqual(
        [],
      );
      expect(left).toContain('changes_deployed_idx');
      // Issue 24: the second peer review (twoPeerReviews).
      await knex.migrate.down({
        directory: migrationsDir,
        name: '20261223040000_second_review.js',
      });
      for (const column of ['second_reviewed_by', 'second_reviewed_at']) {
        await expect(knex.schema.hasColumn('changes', column)).resolves.toBe(
          false,
        );
      }
      await expect(
        knex.schema.hasColumn('changes', 'reviewed_by'),
      ).resolves.toBe(true);
      // Issue 24: the CTO's lockdowns.
      await expect(knex.schema.hasTable('change_lockdowns')).resolves.toBe(
        true,
      );
      await knex.migrate.down({
        directory: migrationsDir,
        name: '20261222010000_lockdowns.js',
      });
      await expect(knex.schema.hasTable('change_lockdowns')).resolves.toBe(
        false,
      );
      await expect(
        knex.schema.hasColumn('change_events', 'lockdown_id'),
      ).resolves.toBe(false);
      await expect(
        knex.schema.hasColumn('change_events', 'change_id'),
      ).resolves.toBe(true);
      await expect(knex.schema.hasTable('changes')).resolves.toBe(true);
      await knex.migrate.down({
        directory: migrationsDir,
        name: '20261222000000_change_risk.js',
      });
      await expect(knex.schema.hasColumn('changes', 'risk')).resolves.toBe(
        false,
      );
      await expect(knex.schema.hasColumn('changes', 'caused_by')).resolves.toBe(
        true,
      );
      await knex.migrate.down({
        directory: migrationsDir,
        name: '20261220010000_caused_by.js',
      });
      await expect(knex.schema.hasColumn('changes', 'caused_by')).resolves.toBe(
        false,
      );
      await expect(
        knex.schema.hasColumn('changes', 'planned_start'),
      ).resolves.toBe(true);
      await knex.migrate.down({
        directory: migrationsDir,
        name: '20261220000000_planned_windows.js',
      });
      for (const column of ['planned_start', 'planned_end']) {
        await expect(knex.schema.hasColumn('changes', column)).resolves.toBe(
          false,
        );
      }
      await expect(knex.schema.hasColumn('changes', 'title')).resolves.toBe(
        true,
      );
      await knex.migrate.down({
        directory: migrationsDir,
        name: '20261215000000_checkpoint_signatures.js',
      });
      for (const column of ['signature', 'key_fingerprint']) {
        await expect(
          knex.schema.hasColumn('change_chain_checkpoints', column),
        ).resolves.toBe(false);
      }
      await expect(
        knex.schema.hasColumn('change_chain_checkpoints', 'hash'),
      ).resolves.toBe(true);
      await knex.migrate.down({
        directory: migrationsDir,
        name: '20261201000000_outbox.js',
      });
      await expect(knex.schema.hasTable('change_outbox')).resolves.toBe(false);
      await expect(knex.schema.hasTable('change_reminders')).resolves.toBe(
        true,
      );
      await knex.migrate.down({
        directory: migrationsDir,
        name: '20261126010000_chain_checkpoints.js',
      });
      await expect(
        knex.schema.hasTable('change_chain_checkpoints'),
      ).resolves.toBe(false);
      await expect(knex.schema.hasTable('change_reminders')).resolves.toBe(
        true,
      );
      await knex.migrate.down({
        directory: migrationsDir,
        name: '20261126000000_reminders.js',
      });
      await expect(knex.schema.hasTable('change_reminders')).resolves.toBe(
        false,
      );
      await expect(knex.schema.hasTable('changes')).resolves.toBe(true);
      await knex.migrate.down({
        directory: migrationsDir,
        name: '20261125120000_entity_owner.js',
      });
      await expect(
        knex.schema.hasColumn('change_entities', 'owner_ref'),
      ).resolves.toBe(false);
      await expect(knex.schema.hasTable('change_entities')).resolves.toBe(true);

      await knex.migrate.rollback({ directory: migrationsDir }, true);
      for (const table of ['changes', 'change_entities', 'change_events']) {
        await expect(knex.schema.hasTable(table)).resolves.toBe(false);
      }

      // and up again, so down really undid everything (trigger included)
      await knex.migrate.latest({ directory: migrationsDir });
      await expect(knex.schema.hasTable('change_events')).resolves.toBe(true);
      await knex.destroy();
    });

    if (databaseId.startsWith('POSTGRES')) {
      it('refuses UPDATE and DELETE on the events table', async () => {
        const knex = await databases.init(databaseId);
        await knex.migrate.latest({ directory: migrationsDir });
        const now = new Date();
        await knex('changes').insert({
          id: 'c1',
          type: 'standard',
          state: 'draft',
          version: 1,
          title: 't',
          description: '',
          risks: '',
          testing_notes: '',
          created_by: 'user:default/alice',
          created_at: now,
          updated_at: now,
          exceptions: '[]',
        });
        await knex('change_events').insert({
          id: 'e1',
          change_id: 'c1',
          action: 'create',
          to_state: 'draft',
          actor: 'user:default/alice',
          created_at: now,
          fields: '{}',
          previous_hash: '0'.repeat(64),
          hash: '1'.repeat(64),
        });

        await expect(
          knex('change_events').update({ actor: 'user:default/mallory' }),
        ).rejects.toThrow(/append-only/);
        await expect(knex('change_events').delete()).rejects.toThrow(
          /append-only/,
        );
        // Row triggers do not fire on TRUNCATE; a statement trigger does.
        await expect(knex.raw('TRUNCATE change_events')).rejects.toThrow(
          /append-only/,
        );
        await expect(knex('change_events').count({ n: '*' })).resolves.toEqual([
          { n: '1' },
        ]);
        await knex.destroy();
      });
    }
  });
});
