import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  changeActionPermissions,
  changeCreatePermission,
} from '@trove/backstage-plugin-change-management-common';
import { ChangeManagementPermissionPolicy } from './permissionPolicy';

const carol = 'user:default/carol';
const alice = 'user:default/alice';

const policy = new ChangeManagementPermissionPolicy(
  { ctoRefs: ['group:default/cto'] },
  mockServices.userInfo({
    ownershipEntityRefs: [carol, 'group:default/cto'],
  }),
);

const asUser = (userEntityRef: string) => ({
  credentials: mockCredentials.user(userEntityRef),
  info: { userEntityRef, ownershipEntityRefs: [] },
});

describe('ChangeManagementPermissionPolicy', () => {
  it('grants the CTO actions to members of the CTO group', async () => {
    for (const action of ['approve', 'sign-off', 'reject'] as const) {
      await expect(
        policy.handle(
          { permission: changeActionPermissions[action] },
          asUser(carol),
        ),
      ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    }
  });

  it('denies them to everyone else', async () => {
    const engineers = new ChangeManagementPermissionPolicy(
      { ctoRefs: ['group:default/cto'] },
      mockServices.userInfo({
        ownershipEntityRefs: [alice, 'group:default/payments'],
      }),
    );
    await expect(
      engineers.handle(
        { permission: changeActionPermissions.approve },
        asUser(alice),
      ),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
    await expect(
      engineers.handle(
        { permission: changeActionPermissions.deploy },
        asUser(alice),
      ),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('allows everything else, and no CTO action without a user', async () => {
    await expect(
      policy.handle({ permission: changeCreatePermission }, asUser(alice)),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    // a backend plugin acting as itself, e.g. the catalog during sign-in
    await expect(
      policy.handle({ permission: catalogEntityReadPermission }),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    await expect(
      policy.handle({ permission: changeActionPermissions.approve }),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });
});
