import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import {
  changeActionPermissions,
  changeCreatePermission,
} from '@trove/backstage-plugin-change-management-common';
import { changePermissionRules } from '@trove/backstage-plugin-change-management-node';
import { ChangeManagementPermissionPolicy } from './permissionPolicy';

const alice = {
  credentials: mockCredentials.user('user:default/alice'),
  info: {
    userEntityRef: 'user:default/alice',
    ownershipEntityRefs: ['user:default/alice', 'group:default/payments'],
  },
};
const change = (ownerRef: string) => ({
  createdBy: 'user:default/bob',
  affected: [{ entityRef: 'component:default/payments-service', ownerRef }],
});
const applies = createConditionAuthorizer(Object.values(changePermissionRules));

describe('ChangeManagementPermissionPolicy', () => {
  const policy = new ChangeManagementPermissionPolicy();

  it('leaves the SOP roles to the workflow: it allows the CTO actions to anyone', async () => {
    await expect(
      policy.handle({ permission: changeActionPermissions.approve }, alice),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    await expect(
      policy.handle({ permission: changeCreatePermission }, alice),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });

  it.each(['deploy', 'roll-back'] as const)(
    'lets only the owning group %s a change',
    async action => {
      const decision = await policy.handle(
        { permission: changeActionPermissions[action] },
        alice,
      );
      expect(decision.result).toBe(AuthorizeResult.CONDITIONAL);
      expect(applies(decision, change('group:default/payments'))).toBe(true);
      expect(applies(decision, change('group:default/storefront'))).toBe(false);
    },
  );
});
