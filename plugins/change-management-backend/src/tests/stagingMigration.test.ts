import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { actionFields } from '../__testUtils__/changes';
import { changeIn } from '../__testUtils__/changeIn';
import { Harness, startChangeManagement } from '../__testUtils__/harness';
import { createTestDatabases } from '../__testUtils__/testDatabases';

const migrationsDir = resolvePackagePath(
  '@trove/backstage-plugin-change-management-backend',
  'migrations',
);
const STAGING_CLEARED = '20261210000000_staging_cleared_on_send_back.js';

jest.setTimeout(120_000);

const failed = { ...actionFields['record-staging'], regressionChecked: false };

const stagingOf = async (h: Harness, id: string) =>
  (await h.knex('changes').where({ id }).first()).staging_tested;

/**
 * A failed staging run sends a change back to draft and now clears its
 * staging result; the migration clears the rows written under the old
 * rule, so that each row still replays from its events.
 */
describe('the staging result after a send-back', () => {
  const databases = createTestDatabases({ freshPerTest: true });

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it('is cleared, by the action and by the migration for older rows', async () => {
      const h = await startChangeManagement({
        knex: await databases.init(databaseId),
      });
      const sentBack = await changeIn(h, 'standard', 'approved');
      const back = await h.act('bob', sentBack.id, 'record-staging', failed);
      expect(back.state).toBe('draft');
      expect(back.stagingTested).toBeUndefined();
      // The change log says nothing until the change is staged again.
      const exported = await h
        .as('oscar')
        .get('/export?from=2026-01-01&to=2027-01-01&format=json');
      expect(
        exported.body.items.find(
          (row: { id: string }) => row.id === sentBack.id,
        ),
      ).toMatchObject({ stagingTested: '' });

      // Failed, then edited, resubmitted and staged again: that run holds.
      const passed = await changeIn(h, 'standard', 'approved');
      await h.act('bob', passed.id, 'record-staging', failed);
      for (const [user, action] of [
        ['alice', 'submit'],
        ['bob', 'review'],
        ['carol', 'approve'],
      ] as const) {
        await h.act(user, passed.id, action);
      }
      await h.act(
        'bob',
        passed.id,
        'record-staging',
        actionFields['record-staging'],
      );
      expect(await stagingOf(h, passed.id)).toBe('yes');

      // The rows as the old rule wrote them: the failed run's answer kept.
      await h.knex.migrate.down({
        directory: migrationsDir,
        name: STAGING_CLEARED,
      });
      expect(await stagingOf(h, sentBack.id)).toBe('yes');
      const before = await h.as('oscar').get('/audit/verify');
      expect(before.body).toMatchObject({
        ok: false,
        badChangeId: sentBack.id,
      });

      await h.knex.migrate.latest({ directory: migrationsDir });
      expect(await stagingOf(h, sentBack.id)).toBeNull();
      expect(await stagingOf(h, passed.id)).toBe('yes');
      expect((await h.as('oscar').get('/audit/verify')).body).toMatchObject({
        ok: true,
      });
    });
  });
});
