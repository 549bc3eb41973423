import {
  BackstageCredentials,
  coreServices,
  createServiceFactory,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  notificationService,
  NotificationSendOptions,
} from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { changeCreatePermission } from '@trove/backstage-plugin-change-management-common';
import {
  changeConditions,
  createChangeConditionalDecision,
} from '@trove/backstage-plugin-change-management-node';
// The tests run the real change-management backend, which the module calls.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import changeManagementPlugin, {
  changeManagementClockServiceRef,
} from '@trove/backstage-plugin-change-management-backend';
import { Server } from 'node:http';
import request from 'supertest';

export const APP_BASE_URL = 'http://localhost:3000';

/** Outside the default freeze. */
const NOW = new Date('2026-06-10T09:00:00.000Z');

const groups: Record<string, string[]> = {
  'user:default/alice': ['group:default/payments'],
  'user:default/dana': ['group:default/storefront'],
};
export type UserName = 'alice' | 'dana';
export const userRef = (user: UserName) => `user:default/${user}`;

/** The payments system and its database, which the payments team owns. */
const paymentsEntities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'payments', namespace: 'default' },
    spec: { owner: 'payments' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'payments-db', namespace: 'default' },
    spec: { type: 'database', owner: 'payments', system: 'payments' },
  },
];

/**
 * The permission service with an organisation's policy, as the permission
 * backend answers a plugin's conditional query: only the owners of an
 * affected entity raise a change for it, by the change resource's own
 * condition; everything else, the scaffolder's own checks included, is
 * allowed.
 */
const ownersRaisePermissions = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory(): PermissionsService {
    const claimsOf = (credentials: BackstageCredentials) => {
      const ref = (credentials.principal as { userEntityRef: string })
        .userEntityRef;
      return [ref, ...(groups[ref] ?? [])];
    };
    return {
      authorizeConditional: async (queries, { credentials }) =>
        queries.map(({ permission }) =>
          permission.name === changeCreatePermission.name
            ? createChangeConditionalDecision(
                changeCreatePermission,
                changeConditions.affectsEntityOwnedBy({
                  claims: claimsOf(credentials),
                }),
              )
            : { result: AuthorizeResult.ALLOW },
        ) as any,
      authorize: async queries =>
        queries.map(() => ({ result: AuthorizeResult.ALLOW })),
    };
  },
});

/**
 * The change-management backend plugin, as its own tests start it (an
 * in-memory database, a catalog, group membership from it and a fixed
 * clock), in a test backend with the given features beside it.
 */
export async function startWithChangeManagement(options: {
  features: any[];
  extensionPoints?: any[];
  entities?: Entity[];
}) {
  const sent: NotificationSendOptions[] = [];
  const { server }: { server: Server } = await startTestBackend({
    extensionPoints: options.extensionPoints,
    features: [
      changeManagementPlugin,
      ...options.features,
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: APP_BASE_URL },
          backend: {
            database: { client: 'better-sqlite3', connection: ':memory:' },
          },
          changeManagement: { roles: { cto: ['group:default/cto'] } },
        },
      }),
      catalogServiceMock.factory({
        entities: [...paymentsEntities, ...(options.entities ?? [])],
      }),
      ownersRaisePermissions,
      createServiceFactory({
        service: coreServices.userInfo,
        deps: {},
        factory: () => ({
          async getUserInfo(credentials: any) {
            const ref = credentials.principal.userEntityRef as string;
            return {
              userEntityRef: ref,
              ownershipEntityRefs: [ref, ...(groups[ref] ?? [])],
            };
          },
        }),
      }),
      createServiceFactory({
        service: changeManagementClockServiceRef,
        deps: {},
        factory: () => ({ now: () => new Date(NOW) }),
      }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({
          async send(notification: NotificationSendOptions) {
            sent.push(notification);
          },
        }),
      }),
    ],
  });

  /** A GET of the backend's API as a user. */
  const get = (user: UserName, path: string) =>
    request(server)
      .get(path)
      .set('Authorization', mockCredentials.user.header(userRef(user)));
  const post = (user: UserName, path: string, body: object) =>
    request(server)
      .post(path)
      .set('Authorization', mockCredentials.user.header(userRef(user)))
      .send(body);

  return { server, get, post };
}
