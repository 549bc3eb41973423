import { actionFields, drafts } from '../__testUtils__/changes';
import { startChangeManagement } from '../__testUtils__/harness';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

describe('workflow paths, start to finish', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it.each(['standard', 'infrastructure'] as const)(
      'takes a %s change from draft to completed',
      async type => {
        const h = await startChangeManagement({
          knex: await databases.init(databaseId),
        });
        const created = await h.as('alice').post('/changes', drafts[type]);
        expect(created.status).toBe(201);
        const id = created.body.id;
        expect(created.body.allowedActions).toEqual([
          'edit',
          'submit',
          'cancel',
        ]);

        await h.act('alice', id, 'submit');
        await h.act('bob', id, 'review', actionFields.review);
        const approved = await h.act('carol', id, 'approve');
        expect(approved.state).toBe('approved');
        await h.act(
          'alice',
          id,
          'record-staging',
          actionFields['record-staging'],
        );
        await h.act('carol', id, 'sign-off');
        const deployed = await h.act(
          'alice',
          id,
          'deploy',
          actionFields.deploy,
        );
        expect(deployed.retrospectiveDueAt).toBeUndefined();
        const done = await h.act('alice', id, 'verify', {
          postDeploymentVerified: 'yes',
          issuesEncountered: 'None',
        });

        expect(done).toMatchObject({
          state: 'completed',
          version: 8,
          createdBy: 'user:default/alice',
          reviewed: { by: 'user:default/bob' },
          approved: { by: 'user:default/carol' },
          signedOff: { by: 'user:default/carol' },
          stagingTested: 'yes',
          deployed: {
            by: 'user:default/alice',
            deploymentRef: 'https://ci.example.com/runs/7',
          },
          postDeploymentVerified: 'yes',
          issuesEncountered: 'None',
          exceptions: [],
          allowedActions: [],
        });

        const events = await h.as('oscar').get(`/changes/${id}/events`);
        expect(events.body.items.map((e: any) => e.action)).toEqual([
          'create',
          'submit',
          'review',
          'approve',
          'record-staging',
          'sign-off',
          'deploy',
          'verify',
        ]);
        expect(events.body.items[2]).toMatchObject({
          fromState: 'in_review',
          toState: 'awaiting_approval',
          actor: 'user:default/bob',
          comment: 'Looks good',
        });
        await expect(h.as('oscar').get('/audit/verify')).resolves.toMatchObject(
          {
            body: { ok: true, checked: 8 },
          },
        );
      },
    );

    it('takes an emergency from draft through retrospective and review', async () => {
      const h = await startChangeManagement({
        knex: await databases.init(databaseId),
      });
      const { body } = await h.as('alice').post('/changes', drafts.emergency);
      await h.act('alice', body.id, 'submit');
      const approved = await h.act('carol', body.id, 'approve');
      expect(approved.state).toBe('approved');

      h.clock.set('2026-06-10T10:00:00.000Z');
      const deployed = await h.act('alice', body.id, 'deploy');
      expect(deployed.retrospectiveDueAt).toBe('2026-06-12T10:00:00.000Z');
      await h.act('alice', body.id, 'verify', actionFields.verify);

      h.clock.set('2026-06-11T09:00:00.000Z');
      const documented = await h.act(
        'alice',
        body.id,
        'document-retrospective',
        actionFields['document-retrospective'],
      );
      expect(documented.retrospective).toMatchObject({ late: false });
      const done = await h.act(
        'carol',
        body.id,
        'complete-review',
        actionFields['complete-review'],
      );
      expect(done).toMatchObject({
        state: 'completed',
        postDeploymentReview: { preventable: 'yes', by: 'user:default/carol' },
        overdue: false,
      });
    });

    it('sends a change with failed staging back to draft, reason recorded', async () => {
      const h = await startChangeManagement({
        knex: await databases.init(databaseId),
      });
      const { body } = await h.as('alice').post('/changes', drafts.standard);
      await h.act('alice', body.id, 'submit');
      await h.act('bob', body.id, 'review');
      await h.act('carol', body.id, 'approve');
      const back = await h.act('bob', body.id, 'record-staging', {
        ...actionFields['record-staging'],
        noUnexpectedSideEffects: false,
      });
      expect(back.state).toBe('draft');
      expect(back.approved).toBeUndefined();
      const events = await h.as('alice').get(`/changes/${body.id}/events`);
      expect(events.body.items.at(-1).fields.failedChecks).toEqual([
        'no unexpected side effects',
      ]);
    });
  });
});
