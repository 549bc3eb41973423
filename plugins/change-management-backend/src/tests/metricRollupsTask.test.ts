import { mockServices } from '@backstage/backend-test-utils';
import { SchedulerServiceTaskInvocationDefinition } from '@backstage/backend-plugin-api';
import { fixture, insertFixtures } from '../__testUtils__/metricsFixtures';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseChangeStore } from '../database/DatabaseChangeStore';
import { ConfigReader } from '@backstage/config';
import {
  METRIC_ROLLUPS_TASK_ID,
  readRollupSchedule,
  scheduleMetricRollups,
} from '../service/metricRollupsTask';

jest.setTimeout(60_000);

describe('the metrics rollups task', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'judges the marked changes on one replica, once a minute (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseChangeStore.create({
        database: mockServices.database({ knex }),
      });
      const scheduler = mockServices.scheduler.mock();
      await scheduleMetricRollups({
        scheduler,
        store,
        logger: mockServices.logger.mock(),
      });
      const [task] = scheduler.scheduleTask.mock.calls[0] as [
        SchedulerServiceTaskInvocationDefinition,
      ];
      expect(task).toMatchObject({
        id: METRIC_ROLLUPS_TASK_ID,
        scope: 'global',
        frequency: { minutes: 1 },
      });

      await insertFixtures(knex, [
        fixture({
          place: 'service',
          deployedAt: '2026-03-03T00:00:00.000Z',
          verified: 'yes',
        }),
        fixture({ place: 'both', deployedAt: '2026-03-04T00:00:00.000Z' }),
        fixture({ place: 'ledger' }),
      ]);
      // PostgreSQL counts in bigint, which arrives as a string.
      const [{ n: marked }] = await knex('change_metrics_dirty').count({
        n: '*',
      });
      expect(Number(marked)).toBeGreaterThan(0);
      await task.fn(new AbortController().signal);
      const [{ n: left }] = await knex('change_metrics_dirty').count({
        n: '*',
      });
      expect(Number(left)).toBe(0);
      // The service's and the System's key for one, four keys for both.
      const [{ n: rows }] = await knex('change_metric_rows').count({ n: '*' });
      expect(Number(rows)).toBe(2 + 3);
    },
  );

  it('reads its schedule from config, every minute unless set', () => {
    expect(readRollupSchedule(new ConfigReader({}))).toMatchObject({
      frequency: { minutes: 1 },
    });
    expect(
      readRollupSchedule(
        new ConfigReader({
          changeManagement: {
            metrics: {
              rollupSchedule: {
                frequency: { trigger: 'manual' },
                timeout: { minutes: 30 },
              },
            },
          },
        }),
      ),
    ).toEqual({
      frequency: { trigger: 'manual' },
      timeout: { minutes: 30 },
    });
  });
});
