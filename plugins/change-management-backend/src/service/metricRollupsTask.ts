import {
  LoggerService,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { ChangeStore } from '../database/ChangeStore';

/** The id of the scheduled task, e.g. to trigger it by hand. */
export const METRIC_ROLLUPS_TASK_ID = 'change-management-metric-rollups';

/** Every minute, on one replica, unless configured. */
const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 1 },
  initialDelay: { seconds: 5 },
  timeout: { hours: 1 },
};

/** `changeManagement.metrics.rollupSchedule`, or every minute. */
export function readRollupSchedule(
  config: Config,
): SchedulerServiceTaskScheduleDefinition {
  const schedule = config.getOptionalConfig(
    'changeManagement.metrics.rollupSchedule',
  );
  return schedule
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(schedule)
    : DEFAULT_SCHEDULE;
}

/** Report progress of a refresh this large, and not more often than this. */
const REPORT_FROM = 10_000;
const REPORT_EVERY_MS = 10_000;

/**
 * Keeps the metrics' rollups close to the writes between reads: once a
 * minute (or as configured), on one replica, the changes writes have marked are judged again.
 * A read judges what is left before it sums (so its figures are exact
 * either way); this keeps that small, and after the migration that created
 * the rollups, which marks every deployed change, it judges them in the
 * background with progress in the log instead of in the first reader's
 * request.
 */
export async function scheduleMetricRollups(options: {
  scheduler: SchedulerService;
  schedule?: SchedulerServiceTaskScheduleDefinition;
  store: Pick<ChangeStore, 'refreshMetricRollups'>;
  logger: LoggerService;
}) {
  const { store, logger } = options;
  await options.scheduler.scheduleTask({
    id: METRIC_ROLLUPS_TASK_ID,
    scope: 'global',
    ...(options.schedule ?? DEFAULT_SCHEDULE),
    fn: async () => {
      const started = Date.now();
      let reported = started;
      const judged = await store.refreshMetricRollups((done, total) => {
        if (total < REPORT_FROM || Date.now() - reported < REPORT_EVERY_MS) {
          return;
        }
        reported = Date.now();
        logger.info(
          `Metrics rollups: judged ${done} of ${total} marked changes`,
        );
      });
      if (judged >= REPORT_FROM) {
        logger.info(
          `Metrics rollups: judged ${judged} changes in ${Math.round(
            (Date.now() - started) / 1000,
          )} s`,
        );
      }
    },
  });
}
