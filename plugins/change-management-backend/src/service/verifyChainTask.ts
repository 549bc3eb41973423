import {
  AuthService,
  LoggerService,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  AUDIT_PAGE_PATH,
  AuditVerification,
} from '@trove/backstage-plugin-change-management-common';
import { CatalogGraph } from './CatalogGraph';
import { ChainVerificationService } from './ChainVerificationService';
import { ChangeManagementMetrics } from './ChangeManagementMetrics';
import { Clock } from './Clock';

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
 * error and the CTO role is notified.
 */
export async function scheduleChainVerification(options: {
  scheduler: SchedulerService;
  schedule: SchedulerServiceTaskScheduleDefinition;
  verifier: ChainVerificationService;
  metrics: ChangeManagementMetrics;
  clock: Clock;
  logger: LoggerService;
  notifications: NotificationService;
  catalog: CatalogService;
  auth: AuthService;
  ctoRefs: string[];
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
      await notifyCto(options, result).catch(error =>
        logger.error(
          'Could not notify the CTO of the failed verification',
          error,
        ),
      );
    },
  });
}

async function notifyCto(
  options: {
    notifications: NotificationService;
    catalog: CatalogService;
    auth: AuthService;
    ctoRefs: string[];
  },
  result: AuditVerification,
) {
  const graph = await CatalogGraph.load(
    options.catalog,
    await options.auth.getOwnServiceCredentials(),
    { entityRefs: [], dependents: false, groupRefs: options.ctoRefs },
  );
  const recipients = [...new Set(graph.users(options.ctoRefs))].sort();
  if (recipients.length === 0) {
    throw new Error('Nobody holds the CTO role in the catalog');
  }
  await options.notifications.send({
    recipients: { type: 'entity', entityRef: recipients },
    payload: {
      title: 'The change-management audit trail failed verification',
      description: result.problem,
      severity: 'critical',
      link: AUDIT_PAGE_PATH,
      topic: 'change-management-audit',
    },
  });
}
