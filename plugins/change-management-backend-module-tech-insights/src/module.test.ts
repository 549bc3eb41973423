import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import techInsightsBackend from '@backstage-community/plugin-tech-insights-backend';
import jsonRulesFactChecker from '@backstage-community/plugin-tech-insights-backend-module-jsonfc';
// The test runs the backend this module reads, as the app does, and seeds it.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import changeManagementBackend, {
  changeManagementClockServiceRef,
} from '@trove/backstage-plugin-change-management-backend';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import { writeHistory } from '@trove/backstage-plugin-change-management-backend/testUtils';
import { Knex } from 'knex';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import { changeManagementChecks } from './checks';
import { CHANGE_MANAGEMENT_FACT_RETRIEVER_ID } from './changeManagementFactRetriever';
import { techInsightsModuleChangeManagement } from './module';
import { history } from './testHistory';

jest.setTimeout(120_000);

const NOW = new Date('2026-06-12T10:00:00.000Z');

const entity = (kind: string, name: string, spec: object): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec: { owner: 'group:default/payments', ...spec },
});

/**
 * The sample catalog's payments system, a user, which is not scored, and
 * enough components besides for the retriever to ask in three batches.
 */
const FILLERS = 201;
const catalog = [
  entity('System', 'payments', {}),
  entity('Component', 'payments-service', { system: 'payments' }),
  entity('Component', 'checkout-api', { system: 'payments' }),
  entity('Component', 'storefront-web', {}),
  entity('User', 'alice', {}),
  ...Array.from({ length: FILLERS }, (_, i) =>
    entity('Component', `filler-${i}`, {}),
  ),
];

const POSTGRES: TestDatabaseId[] = [
  'POSTGRES_18',
  'POSTGRES_17',
  'POSTGRES_16',
  'POSTGRES_15',
];
const databases = TestDatabases.create({
  ids: ['SQLITE_3', ...POSTGRES],
  disableDocker: true,
});
// As the backend's own tests: where CI expects PostgreSQL, its absence fails.
if (
  process.env.CHANGE_MANAGEMENT_REQUIRE_POSTGRES &&
  !POSTGRES.some(id => databases.supports(id))
) {
  throw new Error(
    'PostgreSQL test cases are required but no BACKSTAGE_TEST_DATABASE_POSTGRES<version>_CONNECTION_STRING is set',
  );
}

/** Each plugin on a database of its own, as in the app. */
async function pluginDatabases(id: TestDatabaseId) {
  const knexes = new Map<string, Knex>();
  for (const pluginId of ['change-management', 'tech-insights']) {
    knexes.set(pluginId, await databases.init(id));
  }
  const factory = createServiceFactory({
    service: coreServices.database,
    deps: { plugin: coreServices.pluginMetadata },
    factory: ({ plugin }) =>
      mockServices.database({ knex: knexes.get(plugin.getId())! }),
  });
  return { knexes, factory };
}

/** The config of the app, where the example checks are configured. */
function appConfig() {
  const file = path.resolve(__dirname, '../../../app-config.yaml');
  return parse(fs.readFileSync(file, 'utf8'));
}

describe('the change-management facts in Tech Insights', () => {
  it('ships its example checks in the app config, as exported', () => {
    const checks = appConfig().techInsights.factChecker.checks;
    expect(checks).toEqual(
      Object.fromEntries(
        changeManagementChecks.map(({ id, ...check }) => [id, check]),
      ),
    );
    expect(
      appConfig().techInsights.factRetrievers[
        CHANGE_MANAGEMENT_FACT_RETRIEVER_ID
      ],
    ).toBeDefined();
  });

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it('retrieves each entity’s figures from the backend and runs the checks on them', async () => {
      const { knexes, factory } = await pluginDatabases(databaseId);
      // One scheduler for both plugins, which runs a task only when the
      // test triggers it, and then to its end.
      const tasks = mockServices.scheduler();
      const { server } = await startTestBackend({
        features: [
          techInsightsBackend,
          jsonRulesFactChecker,
          techInsightsModuleChangeManagement,
          changeManagementBackend,
          factory,
          createServiceFactory({
            service: coreServices.scheduler,
            deps: {},
            factory: () => tasks,
          }),
          catalogServiceMock.factory({ entities: catalog }),
          mockServices.rootConfig.factory({
            data: {
              changeManagement: { roles: { cto: ['group:default/cto'] } },
              techInsights: appConfig().techInsights,
            },
          }),
          createServiceFactory({
            service: changeManagementClockServiceRef,
            deps: {},
            factory: () => ({ now: () => new Date(NOW) }),
          }),
          // Nothing is sent here: the checks read what is stored.
          createServiceFactory({
            service: notificationService,
            deps: {},
            factory: () => ({ async send() {} }),
          }),
        ],
      });
      await writeHistory(knexes.get('change-management')!, history(NOW));

      await tasks.triggerTask(CHANGE_MANAGEMENT_FACT_RETRIEVER_ID);

      const user = mockCredentials.user.header();
      /** The facts Tech Insights stored for an entity. */
      const factsOf = async (ref: string) => {
        const res = await request(server)
          .get('/api/tech-insights/facts/latest')
          .query({ entity: ref, ids: [CHANGE_MANAGEMENT_FACT_RETRIEVER_ID] })
          .set('Authorization', user);
        expect(res.status).toBe(200);
        return res.body[CHANGE_MANAGEMENT_FACT_RETRIEVER_ID]?.facts;
      };
      // Every entity of every batch, the last one's too.
      for (const i of [0, FILLERS - 1]) {
        expect(await factsOf(`component:default/filler-${i}`)).toEqual({
          openChanges: 0,
          overdueRetrospectives: 0,
          productionChanges: 0,
          failedChanges: 0,
        });
      }
      expect(await factsOf('user:default/alice')).toBeUndefined();
      expect(await factsOf('component:default/payments-service')).toEqual({
        openChanges: 1,
        overdueRetrospectives: 1,
        productionChanges: 4,
        failedChanges: 1,
        changeFailureRate: 0.25,
        lastProductionChangeAt: '2026-06-09T10:00:00.000Z',
        daysSinceLastProductionChange: 3,
      });

      /** The result of each check for an entity, by check id. */
      const run = async (kind: string, name: string) => {
        const res = await request(server)
          .post(`/api/tech-insights/checks/run/default/${kind}/${name}`)
          .send({ checks: changeManagementChecks.map(c => c.id) })
          .set('Authorization', user);
        expect(res.status).toBe(200);
        return Object.fromEntries(
          res.body.map((r: { check: { id: string }; result: boolean }) => [
            r.check.id,
            r.result,
          ]),
        );
      };

      // An overdue retrospective, and one change rolled back of four.
      expect(await run('component', 'payments-service')).toEqual({
        changeManagementNoOverdueRetrospective: false,
        changeManagementFailureRateUnder15: false,
      });
      // Seven changes deployed and verified.
      expect(await run('component', 'checkout-api')).toEqual({
        changeManagementNoOverdueRetrospective: true,
        changeManagementFailureRateUnder15: true,
      });
      // The System holds both: 1 failed of 11.
      expect(await run('system', 'payments')).toEqual({
        changeManagementNoOverdueRetrospective: false,
        changeManagementFailureRateUnder15: true,
      });
      // Never deployed: no failure rate to judge, so that check is skipped.
      expect(await run('component', 'storefront-web')).toEqual({
        changeManagementNoOverdueRetrospective: true,
      });
      // A user is not scored at all.
      expect(await run('user', 'alice')).toEqual({});
    });
  });
});
