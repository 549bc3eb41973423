import { mockCredentials } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import {
  changeActionPermissions,
  changeAuditReadPermission,
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
const carol = {
  credentials: mockCredentials.user('user:default/carol'),
  info: {
    userEntityRef: 'user:default/carol',
    ownershipEntityRefs: ['user:default/carol', 'group:default/cto'],
  },
};
const oscar = {
  credentials: mockCredentials.user('user:default/oscar'),
  info: {
    userEntityRef: 'user:default/oscar',
    ownershipEntityRefs: ['user:default/oscar', 'group:default/ops'],
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

  describe('the audit evidence', () => {
    const audit = { permission: changeAuditReadPermission };

    it('is for the CTO role and the auditor groups of the config', async () => {
      const configured = ChangeManagementPermissionPolicy.fromConfig(
        new ConfigReader({
          changeManagement: {
            roles: { cto: ['group:default/cto'], auditors: ['ops'] },
          },
        }),
      );
      for (const [user, result] of [
        [carol, AuthorizeResult.ALLOW],
        [oscar, AuthorizeResult.ALLOW],
        [alice, AuthorizeResult.DENY],
      ] as const) {
        await expect(configured.handle(audit, user)).resolves.toEqual({
          result,
        });
      }
    });

    it('names no auditors by default', async () => {
      const ctoOnly = ChangeManagementPermissionPolicy.fromConfig(
        new ConfigReader({
          changeManagement: { roles: { cto: ['group:default/cto'] } },
        }),
      );
      await expect(ctoOnly.handle(audit, carol)).resolves.toEqual({
        result: AuthorizeResult.ALLOW,
      });
      await expect(ctoOnly.handle(audit, oscar)).resolves.toEqual({
        result: AuthorizeResult.DENY,
      });
      await expect(policy.handle(audit, carol)).resolves.toEqual({
        result: AuthorizeResult.DENY,
      });
    });
  });
});
