import { actionFields, drafts } from '../__testUtils__/changes';
import { startChangeManagement, users } from '../__testUtils__/harness';
import { realEvents } from '../__testUtils__/realEvents';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const cto = 'group:default/cto';
const payments = 'group:default/payments';

/**
 * The signals of accepted actions, as the signals backend receives them
 * (the signals service publishes them on the events service's `signals`
 * topic): which change moved, to those with a stake in it.
 */
describe('signals of accepted actions', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it('tell the parties to a change which change moved, and nothing more', async () => {
      const events = realEvents(['signals']);
      const h = await startChangeManagement({
        knex: await databases.init(databaseId),
        extraFeatures: events.features,
        config: events.config,
      });
      const { body } = await h.as('alice').post('/changes', drafts.standard);
      await h.act('alice', body.id, 'submit');
      // Refused, as it waits for a review: no signal.
      const refused = await h
        .as('dana')
        .post(`/changes/${body.id}/actions`, { action: 'approve', version: 2 });
      expect(refused.status).toBe(409);
      // Sent back: bob hears of it as the one who acted, but he signs
      // nothing, so the next step does not tell him.
      await h.act('bob', body.id, 'request-changes', {
        comment: 'Add a roll-back plan',
      });
      await h.act('alice', body.id, 'submit');
      await h.act('bob', body.id, 'review', actionFields.review);
      await h.act('carol', body.id, 'approve', actionFields.approve);
      await h.drain();

      const signal = (...recipients: string[]) => ({
        recipients: { type: 'user', entityRef: recipients.sort() },
        channel: 'change-management',
        message: { changeId: body.id },
      });
      expect(events.received.map(e => e.eventPayload)).toEqual([
        signal(cto, payments, users.alice),
        signal(cto, payments, users.alice),
        signal(cto, payments, users.alice, users.bob),
        signal(cto, payments, users.alice),
        signal(cto, payments, users.alice, users.bob),
        signal(cto, payments, users.alice, users.bob, users.carol),
      ]);
      // dana, an engineer of another team, never hears of it.
      const told = events.received.flatMap(
        e => (e.eventPayload as any).recipients.entityRef,
      );
      expect(told).not.toContain(users.dana);
      expect(told).not.toContain('group:default/storefront');
    });
  });
});
