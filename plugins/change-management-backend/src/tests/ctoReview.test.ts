import { Knex } from 'knex';
import { drafts } from '../__testUtils__/changes';
import {
  Harness,
  startChangeManagement,
  UserName,
  users,
} from '../__testUtils__/harness';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

/** carol holds the CTO role alone, or with dana. */
const ONE = ['group:default/cto'];
const TWO = ['group:default/cto', 'user:default/dana'];

const queueOf = async (h: Harness, user: UserName) =>
  (await h.as(user).get('/changes?needsActionBy=me')).body.items.map(
    (c: { id: string }) => c.id,
  );

/** Who was told to review, by the notices the test backend sent. */
const toldToReview = (h: Harness) =>
  h.sent
    .filter(n => n.payload.scope?.endsWith(':review'))
    .flatMap(n => (n.recipients as { entityRef: string[] }).entityRef);

/**
 * A standard change on an entity, submitted: on the storefront System,
 * which dana's group owns, or on the AWS account, whose group has no
 * members, so that every engineer is told, by name.
 */
async function submittedOn(
  h: Harness,
  author: UserName,
  entity: 'system:default/storefront' | 'resource:default/aws-prod-account',
) {
  const { body } = await h
    .as(author)
    .post('/changes', { ...drafts.standard, affectedEntityRefs: [entity] });
  return h.act(author, body.id, 'submit');
}

/** Peer review is an engineer's step; the CTO who reviews cannot approve. */
describe('a CTO-role holder and peer review', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    const start = async (cto: string[], knex?: Knex) =>
      startChangeManagement({
        knex: knex ?? (await databases.init(databaseId)),
        changeManagement: { roles: { cto } },
      });

    it('with one holder, neither offers her a review, nor queues it, nor tells her, and refuses it by name', async () => {
      const h = await start(ONE);
      // Nobody owns the account: every engineer but the author is told.
      const change = await submittedOn(
        h,
        'dana',
        'resource:default/aws-prod-account',
      );
      expect(toldToReview(h)).toEqual([users.alice, users.bob, users.oscar]);
      const asCarol = await h.as('carol').get(`/changes/${change.id}`);
      expect(asCarol.body.allowedActions).not.toContain('review');
      expect(await queueOf(h, 'carol')).toEqual([]);
      expect((await h.as('carol').get('/queues')).body.needsAction).toBe(0);
      expect(await queueOf(h, 'bob')).toEqual([change.id]);

      const events = await h.count('change_events');
      const res = await h.as('carol').post(`/changes/${change.id}/actions`, {
        action: 'review',
        version: change.version,
      });
      expect(res.status).toBe(403);
      expect(res.body.error).toMatchObject({
        name: 'SoleApproverError',
        message: expect.stringContaining('nobody else holds the CTO role'),
        ctoRoleHolders: [users.carol],
      });
      expect(await h.count('change_events')).toBe(events);
      expect((await h.as('bob').get(`/changes/${change.id}`)).body.state).toBe(
        'in_review',
      );
    });

    it('with two holders, lets one review and the other approve, but not review what the other raised', async () => {
      const h = await start(TWO);
      // dana's group owns the System, and she could approve what carol
      // reviews.
      const change = await submittedOn(h, 'alice', 'system:default/storefront');
      expect(toldToReview(h)).toEqual([users.dana]);
      expect(await queueOf(h, 'carol')).toEqual([change.id]);
      const reviewed = await h.act('carol', change.id, 'review');
      expect(reviewed.allowedActions).not.toContain('approve');
      expect((await h.act('dana', change.id, 'approve')).state).toBe(
        'approved',
      );

      // dana raised this one: nobody but carol could approve it.
      const danas = await submittedOn(
        h,
        'dana',
        'resource:default/aws-prod-account',
      );
      expect(toldToReview(h)).toContain(users.bob);
      expect(toldToReview(h)).not.toContain(users.carol);
      expect(await queueOf(h, 'carol')).not.toContain(danas.id);
      const res = await h.as('carol').post(`/changes/${danas.id}/actions`, {
        action: 'review',
        version: danas.version,
      });
      expect(res.status).toBe(403);
      expect(res.body.error).toMatchObject({
        name: 'SoleApproverError',
        message: expect.stringContaining(
          'the only other CTO-role holder raised it',
        ),
        ctoRoleHolders: [users.carol, users.dana],
      });
    });

    it('sends a change stuck on its only CTO back for another review, recorded in the trail', async () => {
      const knex = await databases.init(databaseId);
      const before = await start(TWO, knex);
      const { body } = await before
        .as('alice')
        .post('/changes', drafts.standard);
      await before.act('alice', body.id, 'submit');
      await before.act('carol', body.id, 'review');
      // dana no longer holds the role: carol's review leaves nobody.
      const h = await start(ONE, knex);
      const stuck = await h.as('carol').get(`/changes/${body.id}`);
      expect(stuck.body.allowedActions).toContain('return-to-review');
      expect(stuck.body.allowedActions).not.toContain('approve');
      const byBob = await h.as('bob').post(`/changes/${body.id}/actions`, {
        action: 'return-to-review',
        version: stuck.body.version,
      });
      expect(byBob.status).toBe(403);

      const back = await h.act('carol', body.id, 'return-to-review', {
        comment: 'I reviewed it myself; another engineer should',
      });
      expect(back).toMatchObject({ state: 'in_review' });
      expect(back.reviewed).toBeUndefined();
      const { items } = (await h.as('carol').get(`/changes/${body.id}/events`))
        .body;
      expect(items[items.length - 1]).toMatchObject({
        action: 'return-to-review',
        actor: users.carol,
        fromState: 'awaiting_approval',
        toState: 'in_review',
        comment: 'I reviewed it myself; another engineer should',
      });
      expect(await queueOf(h, 'bob')).toEqual([body.id]);
      await h.act('bob', body.id, 'review');
      expect((await h.act('carol', body.id, 'approve')).state).toBe('approved');
      // The row still replays from its events.
      expect((await h.as('oscar').get('/audit/verify')).body).toMatchObject({
        ok: true,
      });
    });
  });
});
