import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  AuthorizeResult,
  isPermission,
} from '@backstage/plugin-permission-common';
import { PolicyDecision } from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import searchPlugin from '@backstage/plugin-search-backend';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports -- the tests run the real backend
import changeManagementPlugin from '@trove/backstage-plugin-change-management-backend';
import { changeReadPermission } from '@trove/backstage-plugin-change-management-common';
import {
  changeConditions,
  createChangeConditionalDecision,
} from '@trove/backstage-plugin-change-management-node';
import { Server } from 'node:http';
import request from 'supertest';
import { searchModuleChangeManagementCollator } from '../module';
import { policyPermissions } from './policyPermissions';

export const users = {
  alice: 'user:default/alice',
  dana: 'user:default/dana',
};
export type UserName = keyof typeof users;

const groups: Record<string, string[]> = {
  [users.alice]: ['group:default/payments'],
  [users.dana]: ['group:default/storefront'],
};

const entity = (kind: string, name: string, extra: object = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  ...extra,
});
const ownedBy = (group: string) => ({
  type: 'ownedBy',
  targetRef: `group:default/${group}`,
});

/** Two teams, each owning a service; alice is on payments, dana on storefront. */
export const entities: Entity[] = [
  entity('Component', 'payments-service', {
    metadata: {
      name: 'payments-service',
      namespace: 'default',
      title: 'Payments Service',
    },
    spec: { type: 'service', owner: 'payments' },
    relations: [ownedBy('payments')],
  }),
  entity('Component', 'storefront-web', {
    spec: { type: 'website', owner: 'storefront' },
    relations: [ownedBy('storefront')],
  }),
  entity('User', 'alice', {
    spec: { profile: { displayName: 'Alice Example' } },
  }),
  entity('User', 'dana', { spec: { profile: { displayName: 'Dana Scully' } } }),
];

/**
 * Engineers read the changes they raised and those that touch what their
 * groups own; every other permission is allowed.
 */
class OwnersReadPolicy implements PermissionPolicy {
  async handle(
    query: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (!isPermission(query.permission, changeReadPermission)) {
      return { result: AuthorizeResult.ALLOW };
    }
    const claims = user?.info.ownershipEntityRefs ?? [];
    return createChangeConditionalDecision(query.permission, {
      anyOf: [
        changeConditions.isAuthor({ claims }),
        changeConditions.affectsEntityOwnedBy({ claims }),
      ],
    });
  }
}

const ownershipOf = (ref: string) => [ref, ...(groups[ref] ?? [])];

/**
 * The real change-management backend, with the catalog and the policy
 * above, and the services its tests need around it.
 */
export const changeManagementFeatures = () => [
  changeManagementPlugin,
  catalogServiceMock.factory({ entities }),
  policyPermissions(new OwnersReadPolicy(), ownershipOf),
  mockServices.rootConfig.factory({
    data: {
      permission: { enabled: true },
      changeManagement: { roles: { cto: ['group:default/cto'] } },
    },
  }),
  createServiceFactory({
    service: coreServices.userInfo,
    deps: {},
    factory: () => ({
      async getUserInfo(credentials: any) {
        const ref = credentials.principal.userEntityRef as string;
        return { userEntityRef: ref, ownershipEntityRefs: ownershipOf(ref) };
      },
    }),
  }),
  createServiceFactory({
    service: notificationService,
    deps: {},
    factory: () => ({ send: async () => {} }),
  }),
];

/** Requests to the test backend as a user. */
export const asUser = (server: Server) => (user: UserName) => {
  const auth = mockCredentials.user.header(users[user]);
  return {
    raise: async (draft: object) => {
      const res = await request(server)
        .post('/api/change-management/changes')
        .set('Authorization', auth)
        .send(draft);
      expect(res.status).toBe(201);
      return res.body as { id: string };
    },
    /** The change documents that a search for the term finds. */
    search: async (term: string) => {
      const res = await request(server)
        .get('/api/search/query')
        .query({ term, types: ['change-management'] })
        .set('Authorization', auth);
      expect(res.status).toBe(200);
      return res.body.results.map((r: { document: object }) => r.document);
    },
  };
};

/**
 * The real search backend with its in-memory (Lunr) engine and permission
 * filtering on, this module, and the change-management backend above.
 * Indexing runs when the test says.
 */
export async function startSearchBackend() {
  let scheduler: SchedulerService | undefined;
  const backend = await startTestBackend({
    features: [
      ...changeManagementFeatures(),
      searchPlugin,
      searchModuleChangeManagementCollator,
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      // The search plugin's scheduler, for the test to run its task.
      createBackendModule({
        pluginId: 'search',
        moduleId: 'test-scheduler',
        register(reg) {
          reg.registerInit({
            deps: { pluginScheduler: coreServices.scheduler },
            async init({ pluginScheduler }) {
              scheduler = pluginScheduler;
            },
          });
        },
      }),
    ],
  });
  return {
    as: asUser(backend.server),
    /** One full index of the changes, as the schedule runs it. */
    index: () => scheduler!.triggerTask('search_index_change_management'),
    stop: () => backend.stop(),
  };
}
