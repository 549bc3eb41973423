import fs from 'node:fs';
import path from 'node:path';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { parse } from 'yaml';
import authPlugin from '@backstage/plugin-auth-backend';
import { devUserAuthModule } from './devUserAuth';

jest.setTimeout(60_000);

const root = path.resolve(__dirname, '../../../..');
// What a deployment would set for the ${VAR} placeholders in the config.
const env: Record<string, string> = {
  APP_BASE_URL: 'http://localhost:7007',
  BACKEND_SECRET: 'test-secret',
};
const readConfig = (file: string) => ({
  context: file,
  data: parse(
    fs
      .readFileSync(path.join(root, file), 'utf8')
      .replace(/\$\{(\w+)\}/g, (_, name) => env[name] ?? ''),
  ),
});

const inMemory = { client: 'better-sqlite3', connection: ':memory:' };

/** The backend as `yarn start` or a production deployment configures it. */
async function startWith(files: string[]) {
  const { server } = await startTestBackend({
    features: [
      authPlugin,
      devUserAuthModule,
      createServiceFactory({
        service: coreServices.rootConfig,
        deps: {},
        factory: () =>
          ConfigReader.fromConfigs([
            ...files.map(readConfig),
            // In-memory SQLite rather than the production PostgreSQL.
            { context: 'test', data: { backend: { database: inMemory } } },
          ]),
      }),
      catalogServiceMock.factory({
        entities: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'User',
            metadata: { name: 'alice', namespace: 'default' },
            spec: { memberOf: ['payments'] },
          },
        ],
      }),
    ],
  });
  return server;
}

describe('dev user sign-in', () => {
  it('signs in a catalog user by name with the development config', async () => {
    const server = await startWith(['app-config.yaml']);
    const res = await request(server)
      .get('/api/auth/dev/refresh')
      .set('X-Dev-User', 'alice');
    expect(res.status).toBe(200);
    expect(res.body.backstageIdentity.identity.userEntityRef).toBe(
      'user:default/alice',
    );
    expect(res.body.backstageIdentity.token).toEqual(expect.any(String));
  });

  it('refuses a request without the header', async () => {
    const server = await startWith(['app-config.yaml']);
    const res = await request(server).get('/api/auth/dev/refresh');
    expect(res.status).toBe(401);
  });

  it('does not exist with the production config layered on top', async () => {
    const server = await startWith([
      'app-config.yaml',
      'app-config.production.yaml',
    ]);
    const res = await request(server)
      .get('/api/auth/dev/refresh')
      .set('X-Dev-User', 'alice');
    expect(res.status).toBe(404);
  });
});
