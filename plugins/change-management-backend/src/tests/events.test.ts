import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import {
  ChangeEvent,
  changeActionEventSchema,
} from '@trove/backstage-plugin-change-management-common';
import { actionFields, drafts } from '../__testUtils__/changes';
import { changeWebhookModule } from '../__testUtils__/changeWebhookModule';
import { startChangeManagement, UserName } from '../__testUtils__/harness';
import { readmeBlocks } from '../__testUtils__/readme';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { webhookReceiver } from '../__testUtils__/webhookReceiver';

jest.setTimeout(60_000);

const APP = 'https://backstage.example.com';

/** The standard path from submit to verify, each step by its actor. */
const RUN: [UserName, string][] = [
  ['alice', 'submit'],
  ['bob', 'review'],
  ['carol', 'approve'],
  ['alice', 'record-staging'],
  ['carol', 'sign-off'],
  ['bob', 'deploy'],
  ['alice', 'verify'],
];

/**
 * The accepted actions on the events service, as a subscriber sees them:
 * the README's webhook module, on Backstage's own events service, posting
 * to a local webhook.
 */
describe('events of accepted actions', () => {
  const databases = createTestDatabases();

  it('are forwarded by the module the README shows', () => {
    const module = readFileSync(
      resolve(__dirname, '../__testUtils__/changeWebhookModule.ts'),
      'utf8',
    );
    expect(readmeBlocks('## Events')).toContain(module);
  });

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it('reach a subscriber exactly once each, in order, as the audit trail records them', async () => {
      const hook = await webhookReceiver();
      try {
        const h = await startChangeManagement({
          knex: await databases.init(databaseId),
          extraFeatures: [eventsServiceFactory, changeWebhookModule],
          config: {
            app: { baseUrl: `${APP}/` },
            events: { useEventBus: 'never' },
            changeWebhook: { url: hook.url },
          },
        });
        const { body: draft } = await h
          .as('alice')
          .post('/changes', drafts.standard);
        const [submit, ...rest] = RUN;
        await h.act(submit[0], draft.id, submit[1]);
        // A refused action is no event: the author may not review.
        const refused = await h
          .as('alice')
          .post(`/changes/${draft.id}/actions`, {
            action: 'review',
            version: 2,
          });
        expect(refused.status).toBe(403);
        for (const [user, action] of rest) {
          await h.act(user, draft.id, action, actionFields[action]);
        }
        await h.drain();

        const { body: change } = await h
          .as('alice')
          .get(`/changes/${draft.id}`);
        const trail: ChangeEvent[] = (
          await h.as('alice').get(`/changes/${draft.id}/events`)
        ).body.items;
        expect(trail.map(e => e.action)).toEqual([
          'create',
          ...RUN.map(([, action]) => action),
        ]);
        expect(hook.received).toEqual(
          trail.map(e => ({
            version: 1,
            id: e.id,
            changeId: draft.id,
            title: drafts.standard.title,
            action: e.action,
            ...(e.fromState ? { from: e.fromState } : {}),
            to: e.toState,
            type: 'standard',
            actor: e.actor,
            entityRefs: ['component:default/payments-service'],
            systemRefs: change.affectedSystemRefs,
            at: e.at,
            link: `${APP}/change-management/changes/${draft.id}`,
          })),
        );
        expect(change.affectedSystemRefs).toEqual(['system:default/payments']);
        for (const event of hook.received) {
          expect(() => changeActionEventSchema.parse(event)).not.toThrow();
        }
      } finally {
        await hook.close();
      }
    });
  });
});
