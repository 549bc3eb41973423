import {
  BackstageCredentials,
  coreServices,
  createServiceFactory,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { PermissionPolicy } from '@backstage/plugin-permission-node';
import { sampleGroups } from './sampleCatalog';

/**
 * The permission service, answering with a policy as the permission backend
 * does for a plugin's conditional query: the policy's decision, with its
 * conditions for the plugin to apply. (Through the real permission backend,
 * the test auth service cannot issue the on-behalf-of tokens that backend
 * requires for conditional queries.)
 */
export const policyPermissions = (policy: PermissionPolicy) =>
  createServiceFactory({
    service: coreServices.permissions,
    deps: {},
    factory(): PermissionsService {
      const userOf = (credentials: BackstageCredentials) => {
        const ref = (credentials.principal as { userEntityRef: string })
          .userEntityRef;
        return {
          credentials,
          info: {
            userEntityRef: ref,
            ownershipEntityRefs: [ref, ...(sampleGroups[ref] ?? [])],
          },
        };
      };
      return {
        authorizeConditional: async (queries, { credentials }) =>
          Promise.all(
            queries.map(q => policy.handle(q, userOf(credentials))),
          ) as any,
        // Basic permissions (the audit's): the policy's definitive decision.
        authorize: async (queries, { credentials }) =>
          Promise.all(
            queries.map(q => policy.handle(q as any, userOf(credentials))),
          ) as any,
      };
    },
  });
