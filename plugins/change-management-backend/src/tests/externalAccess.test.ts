import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import request from 'supertest';
import { startChangeManagement } from '../__testUtils__/harness';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const unknownChange = '00000000-0000-4000-8000-000000000000';

/**
 * Pipelines call the gate with external-access static tokens, restricted to
 * this plugin with accessRestrictions (backend.auth.externalAccess). Here
 * with Backstage's real auth services, not the test mocks.
 */
describe('external access static tokens', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    '%p: reach the gate only when restricted to this plugin',
    async databaseId => {
      const h = await startChangeManagement({
        knex: await databases.init(databaseId),
        config: {
          backend: {
            baseUrl: 'http://localhost:7007',
            auth: {
              externalAccess: [
                {
                  type: 'static',
                  options: {
                    token: 'pipeline-token-0123456789',
                    subject: 'ci',
                  },
                  accessRestrictions: [{ plugin: 'change-management' }],
                },
                {
                  type: 'static',
                  options: {
                    token: 'catalog-token-0123456789',
                    subject: 'other',
                  },
                  accessRestrictions: [{ plugin: 'catalog' }],
                },
              ],
            },
          },
        },
        extraFeatures: [authServiceFactory, httpAuthServiceFactory],
      });
      const gate = (token: string) =>
        request(h.server)
          .get(`/api/change-management/gate?changeId=${unknownChange}`)
          .set('Authorization', `Bearer ${token}`);
      // Through auth, to the gate, which does not know the change.
      expect((await gate('pipeline-token-0123456789')).status).toBe(404);
      // A token for another plugin is refused before the gate.
      expect((await gate('catalog-token-0123456789')).status).toBe(403);
      expect((await gate('no-such-token-0123456789')).status).toBe(401);
    },
  );
});
