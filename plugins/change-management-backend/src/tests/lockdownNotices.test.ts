import { mockServices, TestDatabaseId } from '@backstage/backend-test-utils';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Lockdown } from '@trove/backstage-plugin-change-management-common';
import knexFactory, { Knex } from 'knex';
import { DatabaseChangeStore } from '../database/DatabaseChangeStore';
import { DatabaseLockdownStore } from '../database/DatabaseLockdownStore';
import { DatabaseOutboxStore } from '../database/DatabaseOutboxStore';
import { ChangeNotifier } from '../service/ChangeNotifier';
import { CtoRoleHolders } from '../service/CtoRoleHolders';
import { OutboxDelivery } from '../service/OutboxDelivery';
import { outboxHandlers, outboxMessage } from '../service/outboxHandlers';
import { quietPublisher } from '../__testUtils__/publisher';
import { sampleEntities } from '../__testUtils__/sampleCatalog';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

// Issue 24: the owners of what a lockdown covers are told once each, even
// with two replicas delivering the same outbox on one PostgreSQL.

const T0 = new Date('2026-06-10T09:00:00.000Z');

/** A replica: its own pool, notifier and delivery loop, sending into `sent`. */
function replica(knex: Knex, sent: NotificationSendOptions[]) {
  const catalog = catalogServiceMock({ entities: sampleEntities });
  const auth = mockServices.auth();
  const notifier = new ChangeNotifier(
    {
      async send(notification: NotificationSendOptions) {
        // Each send yields, so that the two replicas' passes interleave.
        await new Promise(resolve => setImmediate(resolve));
        sent.push(notification);
      },
    },
    catalog,
    auth,
    {
      ctoRefs: [],
      engineers: { exclude: [], ownersOnly: false },
      notifications: {} as any,
      allowSelfApproval: false,
      freeze: { windows: [], timeZone: 'UTC' },
    },
    new CtoRoleHolders(catalog, auth, []),
  );
  return new OutboxDelivery(
    new DatabaseOutboxStore(knex),
    outboxHandlers(notifier, quietPublisher()),
    { maxAttempts: 10, deliveryDelayMs: 0, retentionMs: 86_400_000 },
    { now: () => T0 },
    mockServices.logger.mock(),
    { delivered: jest.fn(), failed: jest.fn(), dead: jest.fn() },
  );
}

const SCOPES = [
  'system:default/payments',
  'system:default/storefront',
  'system:default/platform-infra',
  undefined,
];

describe('lockdown notices', () => {
  const databases = createTestDatabases();
  const postgres = databases
    .eachSupportedId()
    .filter(([id]) => id.startsWith('POSTGRES'));
  const none: [TestDatabaseId][] = [['POSTGRES_15']];

  (postgres.length ? describe.each(postgres) : describe.skip.each(none))(
    '%p, two replicas',
    databaseId => {
      it('tell each owner exactly once per lockdown event', async () => {
        const knex = await databases.init(databaseId);
        await DatabaseChangeStore.create({
          database: mockServices.database({ knex }),
        });
        const otherPool = knexFactory(knex.client.config);
        try {
          const store = new DatabaseLockdownStore(knex);
          const declared: Lockdown[] = [];
          for (const [i, entityRef] of SCOPES.entries()) {
            const lockdown: Lockdown = {
              id: `00000000-0000-4000-8000-00000000000${i}`,
              ...(entityRef && { entityRef }),
              reason: `Reason ${i}`,
              start: T0.toISOString(),
              declaredBy: 'user:default/carol',
              declaredAt: T0.toISOString(),
            };
            declared.push(
              await store.declare(
                lockdown,
                `10000000-0000-4000-8000-00000000000${i}`,
                [
                  outboxMessage('lockdown-notices', {
                    lockdown,
                    happened: 'declared',
                    actor: 'user:default/carol',
                  }),
                ],
              ),
            );
          }
          const sent: NotificationSendOptions[] = [];
          const a = replica(knex, sent);
          const b = replica(otherPool, sent);
          await Promise.all([a.drain(), b.drain(), a.drain(), b.drain()]);

          expect(sent.map(n => n.payload.topic).sort()).toEqual(
            declared.map(l => `lockdown:${l.id}`).sort(),
          );
          const byTopic = new Map(sent.map(n => [n.payload.topic, n]));
          expect(
            declared.map(
              l =>
                (byTopic.get(`lockdown:${l.id}`)!.recipients as any).entityRef,
            ),
          ).toEqual([
            ['group:default/payments', 'group:default/platform'],
            // The System's owner, and its part storefront-web's.
            ['group:default/payments', 'group:default/storefront'],
            ['group:default/platform'],
            // Everything: the owners of every System.
            ['group:default/platform', 'group:default/storefront'],
          ]);
          expect(new Set(sent.map(n => n.payload.scope)).size).toBe(4);
        } finally {
          await otherPool.destroy();
        }
      });
    },
  );
});
