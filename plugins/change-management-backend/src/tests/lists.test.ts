import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { actionFields, drafts } from '../__testUtils__/changes';
import { changeIn } from '../__testUtils__/changeIn';
import { startChangeManagement, users } from '../__testUtils__/harness';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

describe('the lists of the portal', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    const start = async () =>
      startChangeManagement({ knex: await databases.init(databaseId) });

    it("tells the author why a draft came back, and puts emergencies first in the author's queue", async () => {
      const h = await start();
      const fresh = (await h.as('alice').post('/changes', drafts.standard))
        .body;
      const reviewed = await changeIn(h, 'standard', 'in_review');
      await h.act('bob', reviewed.id, 'request-changes', {
        comment: 'Add a rollback plan',
      });
      // Editing after it came back keeps the reason.
      await h.act('alice', reviewed.id, 'edit', {
        ...drafts.standard,
        title: 'Upgrade the PSP SDK, with a rollback plan',
      });
      const staged = await changeIn(h, 'standard', 'approved');
      await h.act('alice', staged.id, 'record-staging', {
        ...actionFields['record-staging'],
        regressionChecked: false,
      });
      const resubmitted = await changeIn(h, 'standard', 'in_review');
      await h.act('bob', resubmitted.id, 'request-changes', {
        comment: 'Split it',
      });
      await h.act('alice', resubmitted.id, 'submit');
      const emergency = await changeIn(h, 'emergency', 'deployed');

      const res = await h
        .as('alice')
        .get('/changes?needsActionBy=me&order=due');
      expect(res.status).toBe(200);
      const byId = new Map(res.body.items.map((c: any) => [c.id, c]));
      expect(res.body.items[0].id).toBe(emergency.id);
      expect(res.body.items[0].retrospectiveDueAt).toBe(
        '2026-06-12T09:00:00.000Z',
      );
      expect(byId.get(reviewed.id)).toMatchObject({
        state: 'draft',
        sentBack: {
          action: 'request-changes',
          by: users.bob,
          comment: 'Add a rollback plan',
        },
      });
      expect(byId.get(staged.id)).toMatchObject({
        state: 'draft',
        sentBack: {
          action: 'record-staging',
          by: users.alice,
          failedChecks: ['regression checks'],
        },
      });
      expect(byId.get(fresh.id)).not.toHaveProperty('sentBack');
      // Back in review: the old reason no longer applies, and it waits on bob.
      expect(byId.has(resubmitted.id)).toBe(false);
      const all = await h.as('bob').get(`/changes?q=${'psp'}&limit=100`);
      expect(
        all.body.items.find((c: any) => c.id === resubmitted.id),
      ).not.toHaveProperty('sentBack');
    });

    it('counts each queue as its list answers it, in one call', async () => {
      const h = await start();
      await changeIn(h, 'standard', 'in_review');
      await changeIn(h, 'standard', 'awaiting_approval');
      await changeIn(h, 'emergency', 'deployed');
      await changeIn(h, 'emergency', 'verified');
      await h.as('alice').post('/changes', drafts.infrastructure);
      // Past the 48 hours of both emergencies.
      h.clock.set('2026-06-13T09:00:00.000Z');

      const lists = {
        needsAction: 'needsActionBy=me',
        inFlight: 'inFlight=true',
        overdue: 'overdue=true',
      };
      for (const user of ['alice', 'bob', 'carol'] as const) {
        const counts = await h.as(user).get('/queues');
        expect(counts.status).toBe(200);
        for (const [queue, query] of Object.entries(lists)) {
          const list = await h.as(user).get(`/changes?${query}&limit=100`);
          expect([user, queue, counts.body[queue]]).toEqual([
            user,
            queue,
            list.body.items.length,
          ]);
        }
      }
      expect((await h.as('alice').get('/queues')).body).toEqual({
        needsAction: 3,
        inFlight: 4,
        overdue: 2,
      });
    });

    it('searches titles and refuses a bad order or search', async () => {
      const h = await start();
      await h.as('alice').post('/changes', drafts.standard);
      await h.as('alice').post('/changes', drafts.emergency);
      const found = await h.as('bob').get('/changes?q=HOTFIX');
      expect(found.body.items.map((c: any) => c.title)).toEqual([
        drafts.emergency.title,
      ]);

      const badOrder = await h.as('bob').get('/changes?order=oldest');
      expect(badOrder.status).toBe(400);
      expect(badOrder.body.error.name).toBe('InputError');
      const long = await h.as('bob').get(`/changes?q=${'x'.repeat(201)}`);
      expect(long.status).toBe(400);
      expect(long.body.error.issues[0].path).toBe('q');
    });

    it('lists every change to another plugin, which has no queue of its own, and to no pipeline', async () => {
      const h = await start();
      await h.as('alice').post('/changes', drafts.standard);
      await h.as('dana').post('/changes', drafts.infrastructure);
      // The search module indexes the list with its own service token.
      const asService = (query: string) =>
        request(h.server)
          .get(`/api/change-management/changes${query}`)
          .set(
            'Authorization',
            mockCredentials.service.header({
              onBehalfOf: mockCredentials.service('plugin:search'),
              targetPluginId: 'change-management',
            }),
          );
      const all = await asService('?limit=100');
      expect(all.status).toBe(200);
      // Both raised at the test clock's one instant: in either order.
      expect(all.body.items.map((c: any) => c.title).sort()).toEqual(
        [drafts.infrastructure.title, drafts.standard.title].sort(),
      );
      const queue = await asService('?needsActionBy=me');
      expect(queue.status).toBe(400);
      expect(queue.body.error.message).toMatch(/a service takes no step/);
      // A pipeline's static token (external:…) reads one change, not all.
      const pipeline = await request(h.server)
        .get('/api/change-management/changes')
        .set('Authorization', mockCredentials.service.header());
      expect(pipeline.status).toBe(403);
      expect(pipeline.body.error.name).toBe('NotAllowedError');
    });
  });
});
