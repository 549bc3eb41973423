import {
  LoggerService,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { OutboxStore } from '../database/OutboxStore';
import { ChainVerificationService } from './ChainVerificationService';
import { ChangeManagementMetrics } from './ChangeManagementMetrics';
import { Clock } from './Clock';
import { outboxMessage } from './outboxHandlers';
import { verificationKey } from './verificationNotice';

/** The id of the scheduled task, e.g. to trigger it by hand. */
export const VERIFY_TASK_ID = 'change-management-verify-chain';

/** Nightly at 02:00 in the scheduler's time zone (UTC), unless configured. */
const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { cron: '0 2 * * *' },
  timeout: { hours: 2 },
};

/** `changeManagement.audit.verifySchedule`, or nightly. */
export function readVerifySchedule(
  config: Config,
): SchedulerServiceTaskScheduleDefinition {
  const schedule = config.getOptionalConfig(
    'changeManagement.audit.verifySchedule',
  );
  return schedule
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(schedule)
    : DEFAULT_SCHEDULE;
}

/**
 * Verifies the audit trail on a schedule, once across all instances, and
 * records each night's chain head as a checkpoint. A failure is logged as an
 * error, and the CTO role is notified through the outbox: retried until the
 * notice is sent, once per failure.
 */
export async function scheduleChainVerification(options: {
  scheduler: SchedulerService;
  schedule: SchedulerServiceTaskScheduleDefinition;
  verifier: ChainVerificationService;
  metrics: ChangeManagementMetrics;
  clock: Clock;
  logger: LoggerService;
  /** Where the notice of a failure is written, and the loop that sends it. */
  outbox: Pick<OutboxStore, 'enqueueOnce'>;
  delivery: { wake(): void };
}) {
  const { verifier, metrics, clock, logger } = options;
  await options.scheduler.scheduleTask({
    id: VERIFY_TASK_ID,
    scope: 'global',
    ...options.schedule,
    fn: async () => {
      const result = await metrics.timeVerification(() =>
        verifier.verifyAndCheckpoint(clock.now()),
      );
      if (result.ok) {
        logger.info(
          `Audit trail verified: ${result.checked} events, head ${result.head?.hash}`,
        );
        return;
      }
      logger.error(`Audit trail verification failed: ${result.problem}`);
      // Nothing else records a failed verification: its notice is a row of
      // its own, keyed by the failure.
      const written = await options.outbox.enqueueOnce(
        outboxMessage('verification-failed', result),
        verificationKey(result),
        clock.now(),
      );
      if (written) {
        options.delivery.wake();
      }
    },
  });
}
