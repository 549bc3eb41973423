import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { changeManagementPlugin } from './plugin';
import { createTestDatabases } from './__testUtils__/testDatabases';

jest.setTimeout(60_000);

const entities = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments-service', namespace: 'default' },
    spec: { type: 'service', system: 'payments' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'payments', namespace: 'default' },
    spec: {},
  },
];

const alice = mockCredentials.user('user:default/alice');

describe('changeManagementPlugin', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    async function start() {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          changeManagementPlugin,
          mockServices.database.factory({ knex }),
          catalogServiceMock.factory({ entities }),
        ],
      });
      return { server, knex };
    }

    it('answers /health without credentials', async () => {
      const { server } = await start();
      const res = await request(server)
        .get('/api/change-management/health')
        .set('Authorization', mockCredentials.none.header());
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ok' });
    });

    it('creates a draft for the caller and lists it on its System', async () => {
      const { server } = await start();
      const created = await request(server)
        .post('/api/change-management/changes')
        .set(
          'Authorization',
          mockCredentials.user.header(alice.principal.userEntityRef),
        )
        .send({
          type: 'standard',
          title: 'Upgrade the PSP SDK',
          affectedEntityRefs: ['component:default/payments-service'],
        });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        state: 'draft',
        version: 1,
        createdBy: 'user:default/alice',
        affectedSystemRefs: ['system:default/payments'],
      });

      const list = await request(server)
        .get('/api/change-management/changes')
        .query({ entityRef: 'system:default/payments' })
        .set('Authorization', mockCredentials.user.header());
      expect(list.status).toBe(200);
      expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([
        created.body.id,
      ]);
    });

    it('refuses unknown entities and writes nothing', async () => {
      const { server, knex } = await start();
      const res = await request(server)
        .post('/api/change-management/changes')
        .set('Authorization', mockCredentials.user.header())
        .send({
          type: 'standard',
          title: 'Nope',
          affectedEntityRefs: ['component:default/does-not-exist'],
        });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(
        /Unknown or invisible catalog entities: component:default\/does-not-exist/,
      );
      await expect(knex('changes').count({ n: '*' })).resolves.toEqual([
        { n: databaseId === 'SQLITE_3' ? 0 : '0' },
      ]);
    });

    it('refuses a body that names its own author', async () => {
      const { server } = await start();
      const res = await request(server)
        .post('/api/change-management/changes')
        .set('Authorization', mockCredentials.user.header())
        .send({
          type: 'standard',
          title: 'Sneaky',
          affectedEntityRefs: [],
          createdBy: 'user:default/carol',
        });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/createdBy/);
    });

    it('needs a user: 401 without a token, 403 for a service', async () => {
      const { server } = await start();
      const anonymous = await request(server)
        .get('/api/change-management/changes')
        .set('Authorization', mockCredentials.none.header());
      expect(anonymous.status).toBe(401);

      const service = await request(server)
        .post('/api/change-management/changes')
        .set('Authorization', mockCredentials.service.header())
        .send({ type: 'standard', title: 'x', affectedEntityRefs: [] });
      expect(service.status).toBe(403);
    });
  });
});
