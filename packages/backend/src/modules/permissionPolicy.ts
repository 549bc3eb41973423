import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  CHANGE_RESOURCE_TYPE,
  changeActionPermissions,
} from '@trove/backstage-plugin-change-management-common';
import {
  changeConditions,
  createChangeConditionalDecision,
} from '@trove/backstage-plugin-change-management-node';

/** What only the team that owns a service does to it in production. */
const OWNERS_ONLY = new Set([
  changeActionPermissions.deploy.name,
  changeActionPermissions['roll-back'].name,
]);

/**
 * The sample organisation's policy. The SOP's roles (author, reviewer, CTO)
 * are the change-management plugin's own workflow rules and apply whatever
 * this says; a policy is where an organisation adds restrictions of its own.
 * Here: only members of a group that owns an affected entity deploy a change
 * or roll it back. Everything else is allowed.
 */
export class ChangeManagementPermissionPolicy implements PermissionPolicy {
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    if (
      isResourcePermission(permission, CHANGE_RESOURCE_TYPE) &&
      OWNERS_ONLY.has(permission.name)
    ) {
      return createChangeConditionalDecision(
        permission,
        changeConditions.affectsEntityOwnedBy({
          claims: user?.info.ownershipEntityRefs ?? [],
        }),
      );
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

export const permissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'change-management-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new ChangeManagementPermissionPolicy());
      },
    });
  },
});
