import {
  AuthorizeResult,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  changeActionPermissions,
  changeCreatePermission,
  changeReadPermission,
} from '@trove/backstage-plugin-change-management-common';
import {
  changeConditions,
  createChangeConditionalDecision,
} from '@trove/backstage-plugin-change-management-node';
import { drafts } from '../__testUtils__/changes';
import { changeIn } from '../__testUtils__/changeIn';
import { startChangeManagement } from '../__testUtils__/harness';
import { policyPermissions } from '../__testUtils__/policyPermissions';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

/**
 * An organisation's policy as a platform team would write it: only members
 * of the owning group may raise or deploy changes on a service, and one
 * user may read only what they raised themselves.
 */
class OwnersOnlyPolicy implements PermissionPolicy {
  constructor(private readonly ownReadsOnly?: string) {}

  async handle(request: PolicyQuery, user?: PolicyQueryUser) {
    const claims = user?.info.ownershipEntityRefs ?? [];
    const { permission } = request;
    if (
      isResourcePermission(permission, 'change-management-change') &&
      [
        changeCreatePermission.name,
        changeActionPermissions.deploy.name,
      ].includes(permission.name)
    ) {
      return createChangeConditionalDecision(
        permission,
        changeConditions.affectsEntityOwnedBy({ claims }),
      );
    }
    if (
      isResourcePermission(permission, 'change-management-change') &&
      permission.name === changeReadPermission.name &&
      user?.info.userEntityRef === this.ownReadsOnly
    ) {
      return createChangeConditionalDecision(
        permission,
        changeConditions.isAuthor({ claims }),
      );
    }
    return { result: AuthorizeResult.ALLOW } as const;
  }
}

describe('conditional permissions from a policy', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    const start = async (ownReadsOnly?: string) =>
      startChangeManagement({
        knex: await databases.init(databaseId),
        extraFeatures: [policyPermissions(new OwnersOnlyPolicy(ownReadsOnly))],
      });

    it('lets only the owning group raise a change on its service, judged on the draft', async () => {
      const h = await start();
      const byAlice = await h.as('alice').post('/changes', drafts.standard);
      expect(byAlice.body).toMatchObject({ state: 'draft' });
      const byDana = await h.as('dana').post('/changes', drafts.standard);
      expect(byDana.status).toBe(403);
      expect(byDana.body.error).toMatchObject({
        name: 'NotAllowedError',
        message: 'The permission policy does not let you create changes',
      });
      expect(await h.count('changes')).toBe(1);
    });

    it('does not let an edit take a draft where its author could not raise one', async () => {
      const h = await start();
      const { body } = await h.as('alice').post('/changes', drafts.standard);
      // payments-db is owned by platform, not alice's payments group
      const edited = await h.as('alice').patch(`/changes/${body.id}`, {
        ...drafts.standard,
        affectedEntityRefs: ['resource:default/payments-db'],
        version: 1,
      });
      expect(edited.status).toBe(403);
      expect(edited.body.error.message).toBe(
        'The permission policy does not let you create changes',
      );
      expect(await h.count('change_events')).toBe(1);
    });

    it('offers and accepts deploy only for members of the owning group', async () => {
      const h = await start();
      const ready = await changeIn(h, 'standard', 'ready_for_production');
      const asDana = await h.as('dana').get(`/changes/${ready.id}`);
      expect(asDana.body.allowedActions).toEqual([]);
      const refused = await h.as('dana').post(`/changes/${ready.id}/actions`, {
        action: 'deploy',
        version: ready.version,
      });
      expect(refused.status).toBe(403);
      expect(await h.count('change_events')).toBe(6);
      const asAlice = await h.as('alice').get(`/changes/${ready.id}`);
      expect(asAlice.body.allowedActions).toEqual(['deploy', 'cancel']);
      await h.act('alice', ready.id, 'deploy');
    });

    it('filters a conditional read in the database, lists and single changes alike', async () => {
      const h = await start('user:default/bob');
      const alices = await h.as('alice').post('/changes', drafts.standard);
      const bobs = await h.as('bob').post('/changes', drafts.standard);
      expect(bobs.status).toBe(201);
      const list = await h.as('bob').get('/changes');
      expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([
        bobs.body.id,
      ]);
      const other = await h.as('bob').get(`/changes/${alices.body.id}`);
      expect(other.status).toBe(403);
      const gate = await h.as('bob').get(`/gate?changeId=${alices.body.id}`);
      expect(gate.status).toBe(403);
      // An action tells him nothing either: not the change, not its version.
      for (const version of [1, 7]) {
        const act = await h
          .as('bob')
          .post(`/changes/${alices.body.id}/actions`, {
            action: 'cancel',
            version,
            reason: 'x',
          });
        expect(act.status).toBe(403);
        expect(act.body.error).toEqual(
          expect.not.objectContaining({ currentVersion: expect.anything() }),
        );
      }
      expect(await h.count('change_events')).toBe(2);
      const all = await h.as('carol').get('/changes');
      expect(all.body.items).toHaveLength(2);
    });
  });
});
