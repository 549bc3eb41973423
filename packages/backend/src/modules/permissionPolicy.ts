import {
  coreServices,
  createBackendModule,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  holdsCtoRole,
  readChangeManagementConfig,
} from '@trove/backstage-plugin-change-management-backend';
import {
  changeActionPermissions,
  CTO_ACTIONS,
} from '@trove/backstage-plugin-change-management-common';

const CTO_PERMISSIONS = new Set(
  CTO_ACTIONS.map(action => changeActionPermissions[action].name),
);

/**
 * The organisation's policy: the CTO actions of the Change Management SOP
 * (approve, reject, waive-review, sign-off, complete-review) go to holders
 * of the CTO role from `changeManagement.roles.cto`; everything else is
 * allowed. Requests without a user come from other backend plugins acting
 * as themselves (the catalog reading users for sign-in, say); they keep
 * their access, but never a CTO action. The plugin's workflow rules apply
 * on top of this.
 */
export class ChangeManagementPermissionPolicy implements PermissionPolicy {
  constructor(
    private readonly roles: { ctoRefs: string[] },
    private readonly userInfo: UserInfoService,
  ) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (CTO_PERMISSIONS.has(request.permission.name)) {
      if (!user) {
        return { result: AuthorizeResult.DENY };
      }
      const { ownershipEntityRefs } = await this.userInfo.getUserInfo(
        user.credentials,
      );
      return {
        result: holdsCtoRole(this.roles, ownershipEntityRefs)
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      };
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

export const permissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'change-management-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        policy: policyExtensionPoint,
        userInfo: coreServices.userInfo,
      },
      async init({ config, policy, userInfo }) {
        policy.setPolicy(
          new ChangeManagementPermissionPolicy(
            readChangeManagementConfig(config),
            userInfo,
          ),
        );
      },
    });
  },
});
