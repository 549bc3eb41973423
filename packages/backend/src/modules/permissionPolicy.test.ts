import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { changeActionPermissions } from '@trove/backstage-plugin-change-management-common';
import { ChangeManagementPermissionPolicy } from './permissionPolicy';

describe('ChangeManagementPermissionPolicy', () => {
  it('leaves the SOP roles to the workflow: it allows the CTO actions to anyone', async () => {
    const policy = new ChangeManagementPermissionPolicy();
    const alice = 'user:default/alice';
    await expect(
      policy.handle(
        { permission: changeActionPermissions.approve },
        {
          credentials: mockCredentials.user(alice),
          info: { userEntityRef: alice, ownershipEntityRefs: [] },
        },
      ),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });
});
