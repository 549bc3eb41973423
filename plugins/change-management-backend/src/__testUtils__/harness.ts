import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  notificationService,
  NotificationSendOptions,
} from '@backstage/plugin-notifications-node';
import { Entity } from '@backstage/catalog-model';
import { Server } from 'node:http';
import { Knex } from 'knex';
import request from 'supertest';
import { changeManagementPlugin } from '../plugin';
import { changeManagementClockServiceRef } from '../service/Clock';
import {
  changeManagementOutboxServiceRef,
  OutboxLoops,
} from '../service/OutboxLoops';
import { sampleEntities, sampleGroups } from './sampleCatalog';
import { beforeDatabasesClose } from './testDatabases';

/** A clock the test moves by hand. */
export class TestClock {
  constructor(public time: Date) {}
  now() {
    return new Date(this.time);
  }
  set(iso: string) {
    this.time = new Date(iso);
  }
}

export const users = {
  alice: 'user:default/alice',
  bob: 'user:default/bob',
  carol: 'user:default/carol',
  dana: 'user:default/dana',
  oscar: 'user:default/oscar',
};
export type UserName = keyof typeof users;

/** Outside the default freeze, so deploys are open unless a test says so. */
export const OPEN_TIME = '2026-06-10T09:00:00.000Z';

/**
 * The plugin in a test backend on a real database, with the sample catalog,
 * group membership from it (carol is in group:default/cto), a clock the
 * test controls and a notification service that records what it is sent.
 */
export async function startChangeManagement(options: {
  knex: Knex;
  changeManagement?: Record<string, unknown>;
  /** More app config beside changeManagement, e.g. `permission`. */
  config?: Record<string, unknown>;
  /** The catalog, the sample one by default. */
  entities?: Entity[];
  now?: string;
  extraFeatures?: any[];
  /**
   * Databases of other plugins in the test backend, by plugin id, apart
   * from the plugin's own (issue 20: the events backend's, for the GitHub
   * module's tests).
   */
  otherDatabases?: Record<string, Knex>;
}) {
  const clock = new TestClock(new Date(options.now ?? OPEN_TIME));
  const sent: NotificationSendOptions[] = [];
  /** How many of the next sends fail, as a notifications backend that is down. */
  let failingSends = 0;
  const outbox = new OutboxLoops();
  beforeDatabasesClose(() => outbox.stop());
  const { server }: { server: Server } = await startTestBackend({
    features: [
      changeManagementPlugin,
      databaseFactory(options.knex, options.otherDatabases ?? {}),
      catalogServiceMock.factory({
        entities: options.entities ?? sampleEntities,
      }),
      mockServices.rootConfig.factory({
        data: {
          ...options.config,
          changeManagement: {
            roles: { cto: ['group:default/cto'] },
            ...options.changeManagement,
          },
        },
      }),
      createServiceFactory({
        service: coreServices.userInfo,
        deps: {},
        factory: () => ({
          async getUserInfo(credentials: any) {
            const ref = credentials.principal.userEntityRef as string;
            return {
              userEntityRef: ref,
              ownershipEntityRefs: [ref, ...(sampleGroups[ref] ?? [])],
            };
          },
        }),
      }),
      createServiceFactory({
        service: changeManagementClockServiceRef,
        deps: {},
        factory: () => clock,
      }),
      createServiceFactory({
        service: changeManagementOutboxServiceRef,
        deps: {},
        factory: () => outbox,
      }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({
          async send(notification: NotificationSendOptions) {
            if (failingSends > 0) {
              failingSends -= 1;
              throw new Error('The notifications backend is down');
            }
            sent.push(notification);
          },
        }),
      }),
      ...(options.extraFeatures ?? []),
    ],
  });

  const base = '/api/change-management';
  const as = (user: UserName) => {
    const auth = mockCredentials.user.header(users[user]);
    return {
      get: (path: string) =>
        request(server)
          .get(base + path)
          .set('Authorization', auth),
      post: (path: string, body: unknown) =>
        request(server)
          .post(base + path)
          .set('Authorization', auth)
          .send(body as object),
      patch: (path: string, body: unknown) =>
        request(server)
          .patch(base + path)
          .set('Authorization', auth)
          .send(body as object),
    };
  };

  /** Takes an action at the change's current version, expecting success. */
  const act = async (
    user: UserName,
    id: string,
    action: string,
    fields: Record<string, unknown> = {},
  ) => {
    const current = await as(user).get(`/changes/${id}`);
    const res = await as(user).post(`/changes/${id}/actions`, {
      action,
      version: current.body.version,
      ...fields,
    });
    if (res.status !== 200) {
      throw new Error(
        `${user} ${action} on ${current.body.state}: ${
          res.status
        } ${JSON.stringify(res.body.error)}`,
      );
    }
    // The notifications of the action go out of the outbox after its answer.
    await outbox.drain();
    return res.body;
  };

  const count = async (table: string) => {
    const [{ n }] = await options.knex(table).count({ n: '*' });
    return Number(n);
  };

  return {
    server,
    clock,
    sent,
    /** Fails the next `times` sends of notifications. */
    failSends: (times: number) => {
      failingSends = times;
    },
    /** Delivers what the outbox holds that is due now. */
    drain: () => outbox.drain(),
    as,
    act,
    count,
    knex: options.knex,
  };
}

/** The plugin's database, and the other plugins' where the test gives them. */
function databaseFactory(knex: Knex, others: Record<string, Knex>) {
  return createServiceFactory({
    service: coreServices.database,
    deps: { pluginMetadata: coreServices.pluginMetadata },
    factory: ({ pluginMetadata }) => ({
      getClient: async () => others[pluginMetadata.getId()] ?? knex,
    }),
  });
}

export type Harness = Awaited<ReturnType<typeof startChangeManagement>>;
