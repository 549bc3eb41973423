import { actionFields, drafts } from '../__testUtils__/changes';
import { changeIn } from '../__testUtils__/changeIn';
import { startChangeManagement } from '../__testUtils__/harness';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

/** Separation of duties at the edges the SOP does not spell out. */
describe('separation of duties at the edges', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    const start = async (changeManagement: Record<string, unknown> = {}) =>
      startChangeManagement({
        knex: await databases.init(databaseId),
        changeManagement,
      });

    /** alice, who holds the CTO role as well as carol, documents her emergency. */
    const documentedByACto = async (allowSelfApproval: boolean) => {
      const h = await start({
        roles: { cto: ['group:default/cto', 'user:default/alice'] },
        allowSelfApproval,
      });
      const { body } = await h.as('alice').post('/changes', drafts.emergency);
      await h.act('alice', body.id, 'submit');
      await h.act('carol', body.id, 'approve');
      await h.act('alice', body.id, 'deploy');
      await h.act('alice', body.id, 'verify', actionFields.verify);
      const documented = await h.act(
        'alice',
        body.id,
        'document-retrospective',
        actionFields['document-retrospective'],
      );
      const review = () =>
        h.as('alice').post(`/changes/${body.id}/actions`, {
          action: 'complete-review',
          version: documented.version,
          ...actionFields['complete-review'],
        });
      return { h, review };
    };

    it('does not let a CTO complete the review of their own emergency', async () => {
      const { h, review } = await documentedByACto(false);
      const res = await review();
      expect(res.status).toBe(403);
      expect(res.body.error.name).toBe('NotAllowedError');
      expect(await h.count('change_events')).toBe(6);
    });

    it('records a CTO reviewing their own emergency as an exception when self-approval is allowed', async () => {
      const { review } = await documentedByACto(true);
      const res = await review();
      expect(res.status).toBe(200);
      expect(res.body.exceptions).toEqual([
        expect.objectContaining({
          kind: 'self-approval',
          actor: 'user:default/alice',
        }),
      ]);
    });

    it('does not let the CTO who peer-reviewed a change approve it too', async () => {
      // dana holds the role too, so carol may review (tests/ctoReview.test.ts).
      const h = await start({
        roles: { cto: ['group:default/cto', 'user:default/dana'] },
      });
      const { body } = await h.as('alice').post('/changes', drafts.standard);
      await h.act('alice', body.id, 'submit');
      const reviewed = await h.act('carol', body.id, 'review');
      expect(reviewed.allowedActions).not.toContain('approve');
      const res = await h.as('carol').post(`/changes/${body.id}/actions`, {
        action: 'approve',
        version: reviewed.version,
      });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/peer-reviewed/);
      // the way on: send it back, and another engineer reviews it
      expect(reviewed.allowedActions).toContain('request-changes');
      expect(reviewed.allowedActions).toContain('return-to-review');
      // or the other holder approves
      await h.act('dana', body.id, 'approve');
    });

    it('records the CTO approving their own review as an exception when self-approval is allowed', async () => {
      const h = await start({ allowSelfApproval: true });
      const { body } = await h.as('alice').post('/changes', drafts.standard);
      await h.act('alice', body.id, 'submit');
      await h.act('carol', body.id, 'review');
      const approved = await h.act('carol', body.id, 'approve');
      expect(approved.exceptions).toEqual([
        expect.objectContaining({
          kind: 'self-approval',
          detail: expect.stringMatching(/peer-reviewed/),
        }),
      ]);
    });

    it('keeps members of a non-engineering group from the engineer steps', async () => {
      const h = await start({
        roles: {
          cto: ['group:default/cto'],
          engineers: { exclude: ['group:default/ops'] },
        },
      });
      const ready = await changeIn(h, 'standard', 'ready_for_production');
      const asOscar = await h.as('oscar').get(`/changes/${ready.id}`);
      expect(asOscar.body.allowedActions).toEqual([]);
      const deploy = await h.as('oscar').post(`/changes/${ready.id}/actions`, {
        action: 'deploy',
        version: ready.version,
      });
      expect(deploy.status).toBe(403);
      expect(deploy.body.error.message).toBe(
        'Only an engineer may deploy this change',
      );

      const inReview = await changeIn(h, 'standard', 'in_review');
      const review = await h
        .as('oscar')
        .post(`/changes/${inReview.id}/actions`, {
          action: 'review',
          version: inReview.version,
        });
      expect(review.status).toBe(403);
      const queue = await h.as('oscar').get('/changes?needsActionBy=me');
      expect(queue.body.items).toEqual([]);
      const bobs = await h.as('bob').get('/changes?needsActionBy=me');
      expect(bobs.body.items.map((c: { id: string }) => c.id)).toEqual([
        inReview.id,
      ]);
    });

    it('with ownersOnly, leaves the engineer steps to the owning group', async () => {
      const h = await start({
        roles: { cto: ['group:default/cto'], engineers: { ownersOnly: true } },
      });
      const inReview = await changeIn(h, 'standard', 'in_review');
      // dana is in storefront; payments-service is owned by payments
      expect(
        (await h.as('dana').get('/changes?needsActionBy=me')).body.items,
      ).toEqual([]);
      const refused = await h
        .as('dana')
        .post(`/changes/${inReview.id}/actions`, {
          action: 'review',
          version: inReview.version,
        });
      expect(refused.status).toBe(403);
      await h.act('bob', inReview.id, 'review');
    });

    it.each([
      'user:default/bob',
      'group:default/payments',
      'location:default/x',
    ])('refuses %s as an affected entity', async ref => {
      const h = await start();
      const res = await h
        .as('alice')
        .post('/changes', { ...drafts.standard, affectedEntityRefs: [ref] });
      expect(res.status).toBe(400);
      expect(res.body.error.issues).toEqual([
        { path: 'affectedEntityRefs', message: expect.stringContaining(ref) },
      ]);
      expect(await h.count('changes')).toBe(0);
    });
  });
});
