import { actionFields, drafts } from '../__testUtils__/changes';
import { startChangeManagement } from '../__testUtils__/harness';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

/** Notifications through the real plugin, with the sample organisation. */
describe('notifications', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it('tells a peer of a submit, the CTO of a reviewed change and the author of the approval', async () => {
      const h = await startChangeManagement({
        knex: await databases.init(databaseId),
      });
      const { body } = await h.as('alice').post('/changes', drafts.standard);
      const told = () =>
        h.sent.map(({ recipients, payload }) => ({
          to: recipients.type === 'entity' ? recipients.entityRef : 'all',
          severity: payload.severity,
          topic: payload.topic,
          link: payload.link,
        }));
      const notice = (to: string[], severity: string) => ({
        to,
        severity,
        topic: `change:${body.id}`,
        link: `/change-management/changes/${body.id}`,
      });

      await h.act('alice', body.id, 'submit');
      // bob shares the payments group with alice; alice is not told.
      expect(told()).toEqual([notice(['user:default/bob'], 'normal')]);

      await h.act('bob', body.id, 'review', actionFields.review);
      expect(told().slice(1)).toEqual([
        notice(['user:default/carol'], 'high'),
        notice(['user:default/alice'], 'normal'),
      ]);

      await h.act('carol', body.id, 'approve', actionFields.approve);
      expect(told().slice(3)).toEqual([
        notice(['user:default/alice'], 'normal'),
      ]);
    });

    it('sends nothing of a kind switched off in config', async () => {
      const h = await startChangeManagement({
        knex: await databases.init(databaseId),
        changeManagement: {
          roles: { cto: ['group:default/cto'] },
          notifications: { review: false },
        },
      });
      const { body } = await h.as('alice').post('/changes', drafts.standard);
      await h.act('alice', body.id, 'submit');
      expect(h.sent).toEqual([]);
    });
  });
});
