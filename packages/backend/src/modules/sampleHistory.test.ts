import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import changeManagementPlugin from '@trove/backstage-plugin-change-management-backend';
import { sampleHistoryModule } from './sampleHistory';

jest.setTimeout(60_000);

describe('the sample history module', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  const start = async (enabled: boolean | undefined) => {
    const knex = await databases.init('SQLITE_3');
    const backend = await startTestBackend({
      features: [
        changeManagementPlugin,
        sampleHistoryModule,
        mockServices.database.factory({ knex }),
        catalogServiceMock.factory({ entities: [] }),
        mockServices.rootConfig.factory({
          data: { changeManagement: { sampleHistory: { enabled } } },
        }),
      ],
    });
    const [{ n }] = await knex('changes').count({ n: '*' });
    await backend.stop();
    return Number(n);
  };

  it('seeds the history at start-up, after the plugin migrated its tables', async () => {
    expect(await start(true)).toBeGreaterThan(250);
  });

  it.each([false, undefined])(
    'seeds nothing when enabled is %p',
    async enabled => {
      expect(await start(enabled)).toBe(0);
    },
  );

  it('is on in app-config.yaml alone: the browser tests and production start empty', () => {
    const layered = (...files: string[]) =>
      ConfigReader.fromConfigs(
        files.map(file => ({
          context: file,
          data: parse(
            fs.readFileSync(
              path.resolve(__dirname, '../../../..', file),
              'utf8',
            ),
          ),
        })),
      ).getOptionalBoolean('changeManagement.sampleHistory.enabled');
    expect(layered('app-config.yaml')).toBe(true);
    expect(layered('app-config.yaml', 'app-config.e2e.yaml')).toBe(false);
    expect(layered('app-config.yaml', 'app-config.production.yaml')).toBe(
      false,
    );
  });
});
