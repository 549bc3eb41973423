import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { createTestDatabases } from '../__testUtils__/testDatabases';

const migrationsDir = resolvePackagePath(
  '@trove/backstage-plugin-change-management-backend',
  'migrations',
);
const MIGRATION = '20261231030000_pull_request_at_deploy.js';

jest.setTimeout(60_000);

const pr = (state: string) => ({
  url: 'https://github.com/acme/payments-service/pull/7',
  state,
  approvals: [],
  checks: [],
});

describe('migration pull_request_at_deploy', () => {
  const databases = createTestDatabases({ freshPerTest: true });

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it("copies each deployed change's PR at its last deploy onto its row, then keeps it with each deploy; down drops the copy", async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: migrationsDir });
      await knex.migrate.down({ directory: migrationsDir, name: MIGRATION });
      await expect(
        knex.schema.hasColumn('changes', 'pull_request_at_deploy'),
      ).resolves.toBe(false);

      // Rows written before the migration, as the store wrote them then:
      // a change deployed twice, the second time with another snapshot; one
      // whose deploy recorded none; one that links no PR.
      const at = new Date('2026-03-01T10:00:00.000Z');
      const change = (id: string, pullRequestUrl: string | null) => ({
        id,
        type: 'standard',
        state: 'deployed',
        version: 3,
        title: id,
        description: '',
        risks: '',
        testing_notes: '',
        created_by: 'user:default/alice',
        created_at: at,
        updated_at: at,
        deployed_by: 'user:default/alice',
        deployed_at: at,
        pull_request_url: pullRequestUrl,
        exceptions: '[]',
      });
      await knex('changes').insert([
        change('twice', pr('open').url),
        change('none', pr('open').url),
        change('unlinked', null),
      ]);
      let seq = 0;
      const event = (
        changeId: string,
        action: string,
        fields: Record<string, unknown>,
      ) => {
        seq += 1;
        return {
          id: `e${seq}`,
          change_id: changeId,
          action,
          from_state: 'approved',
          to_state: 'deployed',
          actor: 'user:default/alice',
          created_at: at,
          fields: JSON.stringify(fields),
          previous_hash: String(seq - 1).padStart(64, '0'),
          hash: String(seq).padStart(64, '0'),
        };
      };
      for (const row of [
        event('twice', 'deploy', { pullRequest: pr('open') }),
        event('twice', 'verify', { pullRequest: pr('closed') }),
        event('twice', 'deploy', { pullRequest: pr('merged') }),
        event('twice', 'comment', {}),
        event('none', 'deploy', {}),
        event('unlinked', 'deploy', { pullRequest: pr('open') }),
      ]) {
        await knex('change_events').insert(row);
      }

      await knex.migrate.up({ directory: migrationsDir, name: MIGRATION });
      const copies = Object.fromEntries(
        (
          await knex('changes')
            .orderBy('id')
            .select('id', 'pull_request_at_deploy')
        ).map(r => [
          r.id,
          r.pull_request_at_deploy && JSON.parse(r.pull_request_at_deploy),
        ]),
      );
      expect(copies).toEqual({
        twice: pr('merged'),
        none: null,
        unlinked: pr('open'),
      });

      // From now on the trigger keeps the copy, whatever writes the event:
      // a deploy sets it, another action leaves it, a deploy that read no
      // PR (or recorded null) clears it.
      const copyOf = async (id: string) => {
        const row = await knex('changes')
          .where({ id })
          .first('pull_request_at_deploy');
        return row.pull_request_at_deploy
          ? JSON.parse(row.pull_request_at_deploy)
          : row.pull_request_at_deploy;
      };
      await knex('change_events').insert(
        event('none', 'deploy', { pullRequest: pr('closed') }),
      );
      expect(await copyOf('none')).toEqual(pr('closed'));
      await knex('change_events').insert(
        event('none', 'verify', { pullRequest: pr('open') }),
      );
      expect(await copyOf('none')).toEqual(pr('closed'));
      await knex('change_events').insert(
        event('none', 'deploy', { pullRequest: null }),
      );
      expect(await copyOf('none')).toBeNull();
      await knex('change_events').insert(event('twice', 'deploy', {}));
      expect(await copyOf('twice')).toBeNull();

      await knex.migrate.down({ directory: migrationsDir, name: MIGRATION });
      await expect(
        knex.schema.hasColumn('changes', 'pull_request_at_deploy'),
      ).resolves.toBe(false);
      // The triggers on changes still work: SQLite's table was not rebuilt.
      await knex('changes')
        .where({ id: 'twice' })
        .update({ type: 'emergency' });
    });
  });
});
