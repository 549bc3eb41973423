import {
  AuthService,
  BackstageCredentials,
  coreServices,
  createServiceFactory,
  DiscoveryService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  ConditionalPolicyDecision,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { PermissionPolicy } from '@backstage/plugin-permission-node';

/**
 * The permission service, answering with a policy as the permission
 * backend does: a service is allowed everything; a user gets the policy's
 * decision. A conditional decision on one resource is applied by the
 * plugin that owns the resource, through its own apply-conditions endpoint,
 * with the rules it registered. (Through the real permission backend, the
 * test auth service cannot issue the on-behalf-of tokens that backend
 * requires for conditional queries.)
 */
export const policyPermissions = (
  policy: PermissionPolicy,
  groupsOf: (userEntityRef: string) => string[],
) =>
  createServiceFactory({
    service: coreServices.permissions,
    deps: { auth: coreServices.auth, discovery: coreServices.discovery },
    factory({ auth, discovery }): PermissionsService {
      const decide = async (
        query: Parameters<PermissionPolicy['handle']>[0],
        credentials: BackstageCredentials,
      ): Promise<PolicyDecision> => {
        if (!auth.isPrincipal(credentials, 'user')) {
          return { result: AuthorizeResult.ALLOW };
        }
        const ref = credentials.principal.userEntityRef;
        return policy.handle(query, {
          credentials,
          info: { userEntityRef: ref, ownershipEntityRefs: groupsOf(ref) },
        });
      };
      return {
        authorizeConditional: async (queries, { credentials }) =>
          Promise.all(queries.map(q => decide(q, credentials))) as any,
        authorize: async (queries, { credentials }) =>
          Promise.all(
            queries.map(async query => {
              const decision = await decide(query, credentials);
              if (
                decision.result !== AuthorizeResult.CONDITIONAL ||
                !('resourceRef' in query && query.resourceRef)
              ) {
                return decision;
              }
              return applyConditions(
                { auth, discovery },
                decision,
                query.resourceRef,
              );
            }),
          ) as any,
      };
    },
  });

/** As the permission backend asks the resource's plugin. */
async function applyConditions(
  { auth, discovery }: { auth: AuthService; discovery: DiscoveryService },
  decision: ConditionalPolicyDecision,
  resourceRef: string,
) {
  const { token } = await auth.getPluginRequestToken({
    onBehalfOf: await auth.getOwnServiceCredentials(),
    targetPluginId: decision.pluginId,
  });
  const baseUrl = await discovery.getBaseUrl(decision.pluginId);
  const response = await fetch(
    `${baseUrl}/.well-known/backstage/permissions/apply-conditions`,
    {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({
        items: [
          {
            id: '1',
            resourceRef,
            resourceType: decision.resourceType,
            conditions: decision.conditions,
          },
        ],
      }),
    },
  );
  if (!response.ok) {
    throw new Error(`apply-conditions answered ${response.status}`);
  }
  const { items } = await response.json();
  return { result: items[0].result as AuthorizeResult };
}
