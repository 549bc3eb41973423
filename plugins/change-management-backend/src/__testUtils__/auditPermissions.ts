import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { changeAuditReadPermission } from '@trove/backstage-plugin-change-management-common';
import { users } from './harness';

/**
 * Permissions as the sample policy decides the audit evidence: only carol
 * (the CTO) may read it; everything else is allowed.
 */
export const auditorsOnly = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory: () => {
    const decide = (requests: { permission: { name: string } }[], who: any) =>
      requests.map(({ permission }) => ({
        result:
          permission.name === changeAuditReadPermission.name &&
          who.credentials.principal.userEntityRef !== users.carol
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      }));
    return {
      authorize: async (requests: any[], options: any) =>
        decide(requests, options),
      authorizeConditional: async (requests: any[], options: any) =>
        decide(requests, options),
    } as any;
  },
});
