import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
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
  changeAuditReadPermission,
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
 * or roll it back, and only the CTO role and the auditors (config
 * `changeManagement.roles.auditors`) read the audit evidence. Everything
 * else is allowed.
 */
export class ChangeManagementPermissionPolicy implements PermissionPolicy {
  /** Normalised user or group refs that may read the audit evidence. */
  private readonly auditReaders: string[];

  constructor(options: { ctoRefs?: string[]; auditorRefs?: string[] } = {}) {
    this.auditReaders = [
      ...(options.ctoRefs ?? []),
      ...(options.auditorRefs ?? []),
    ].map(ref =>
      stringifyEntityRef(parseEntityRef(ref, { defaultKind: 'group' })),
    );
  }

  /** The sample policy as the app's config sets it up. */
  static fromConfig(config: Config) {
    return new ChangeManagementPermissionPolicy({
      ctoRefs: config.getOptionalStringArray('changeManagement.roles.cto'),
      auditorRefs: config.getOptionalStringArray(
        'changeManagement.roles.auditors',
      ),
    });
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    if (permission.name === changeAuditReadPermission.name) {
      const claims = user?.info.ownershipEntityRefs ?? [];
      return {
        result: claims.some(ref => this.auditReaders.includes(ref))
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      };
    }
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
      deps: { config: coreServices.rootConfig, policy: policyExtensionPoint },
      async init({ config, policy }) {
        policy.setPolicy(ChangeManagementPermissionPolicy.fromConfig(config));
      },
    });
  },
});
