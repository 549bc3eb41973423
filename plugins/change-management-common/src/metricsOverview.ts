import { z } from 'zod';
import { isoTime } from './fields';
import { entityMetricsSchema } from './responses';

// Issue 21, the CTO's overview: `GET /metrics/overview`, every System's
// four keys, score, exceptions and overdue count over a period, and the
// score of each owning group. Each figure is the one `GET /metrics` gives
// for the System (workflow/deliveryMetrics.ts defines them).

const figures = entityMetricsSchema.shape;

const count = (description: string) =>
  z.number().int().min(0).describe(description);

/** One System's row of the overview. @public */
export const systemOverviewSchema = z
  .object({
    systemRef: z
      .string()
      .describe('The System; its changes are those of its parts.'),
    deployments: z
      .object({
        total: count('Changes deployed to production in the period.'),
        perWeek: z
          .number()
          .min(0)
          .describe(
            'Deployment frequency: the total over the weeks of the period (its days / 7).',
          ),
      })
      .strict(),
    leadTimeHours: figures.leadTimeHours,
    changeFailureRate: figures.changeFailureRate,
    recoveryHours: figures.recoveryHours,
    score: figures.score,
    exceptions: count(
      'Audit exceptions of the period on its changes, as GET /audit/exceptions lists them; null when the caller may not read the audit.',
    ).nullable(),
    overdue: count(
      'Emergencies whose retrospective is past due now, as the portal counts them.',
    ),
  })
  .strict();

/** @public */
export type SystemOverview = z.infer<typeof systemOverviewSchema>;

/** One owning group's change success score. @public */
export const groupOverviewSchema = z
  .object({
    ownerRef: z
      .string()
      .describe(
        'The owner of an affected entity, as recorded when the change was raised or last edited.',
      ),
    score: figures.score,
  })
  .strict();

/** @public */
export type GroupOverview = z.infer<typeof groupOverviewSchema>;

/** Every System and owning group of the changes the caller may read. @public */
export const metricsOverviewSchema = z
  .object({
    from: isoTime('The start of the period, inclusive.'),
    to: isoTime('The end of the period, exclusive.'),
    systems: z
      .array(systemOverviewSchema)
      .describe(
        'Every System with a change the caller may read, deployed in the period or not, by ref.',
      ),
    groups: z
      .array(groupOverviewSchema)
      .describe('Every owning group of such a change, by ref.'),
  })
  .strict()
  .describe(
    'Over [from, to): only the changes the caller may read count; a change counts for each System and group it touches.',
  );

/** @public */
export type MetricsOverview = z.infer<typeof metricsOverviewSchema>;
