import { z } from 'zod';
import { blackoutSchema } from './blackouts';
import { lockdownSchema } from './lockdowns';
import { isoTime } from './fields';
import { conflictSchema } from './landscape';
import { freezeWindowSchema } from './freeze';
import { refusalWindowSchema } from './errors';
import {
  changeSchema,
  changeStateSchema,
  changeTypeSchema,
  changeViewSchema,
} from './types';
import { CHANGE_FAILURE_WINDOW_DAYS } from './workflow/changeFailure';
import { RETROSPECTIVE_DUE_HOURS } from './workflow/retrospectiveDue';
import { riskPolicyNameSchema } from './workflow/riskPolicies';

/** The liveness answer. @public */
export const healthSchema = z.object({ status: z.literal('ok') }).strict();

/** Whether production deploys are frozen at a time. @public */
export const freezeStatusSchema = z
  .object({
    frozen: z.boolean(),
    timeZone: z.string().describe('The IANA zone of the freeze calendar.'),
    window: freezeWindowSchema
      .optional()
      .describe('The window that applies at that time, when frozen.'),
    blackouts: z
      .array(blackoutSchema)
      .optional()
      .describe(
        'With `entityRef`: the blackouts of that entity, its System and Domain, at that time.',
      ),
    lockdowns: z
      .array(lockdownSchema)
      .optional()
      .describe(
        'Issue 24: the lockdowns the CTO declared that cover it at that time.',
      ),
  })
  .strict();

/** @public */
export type FreezeStatus = z.infer<typeof freezeStatusSchema>;

const ref = (who: string) =>
  z.string().describe(`${who}: a user entity ref, or empty.`);
const name = (who: string) =>
  z.string().describe(`${who}: the display name from the catalog, or empty.`);
const at = (step: string) =>
  z.string().describe(`${step}: an ISO 8601 time, or empty.`);

const signedColumn = (step: string) =>
  z.string().describe(`${step}: "<user ref> at <ISO time>", or empty.`);

/**
 * One row of the SOP's change log, the columns of the CSV export.
 *
 * @public
 */
export const changeLogRowSchema = z
  .object({
    id: z.string().uuid(),
    date: isoTime('When the change was raised.'),
    changeType: z.enum(['Standard', 'Emergency', 'Infrastructure']),
    description: z.string().describe('"<title>: <description>".'),
    systemsAffected: z
      .string()
      .describe('The systems, then the entity refs, separated by spaces.'),
    raisedBy: z.string().describe('The author, a user entity ref.'),
    reviewedBy: signedColumn('The peer review'),
    ctoApproval: z
      .string()
      .describe(
        'The approval and the production sign-off, separated by "; ", or empty.',
      ),
    stagingTested: z
      .enum(['Yes', 'No', 'N/A', ''])
      .describe('N/A for an emergency; empty before staging.'),
    deployedToProduction: signedColumn('The production deploy'),
    postDeploymentVerified: z.enum(['Yes', 'No', '']),
    issuesEncountered: z.string(),
    state: changeStateSchema,
    incident: z
      .string()
      .describe('Emergency only: "<ref> (<severity>)", or empty.'),
    retrospective: z
      .string()
      .describe('Emergency only: documented, due or overdue, or empty.'),
    exceptions: z
      .string()
      .describe('"<kind>: <detail>" for each exception, separated by "; ".'),
    // Added after the SOP's columns: each person as a ref and a display
    // name, each time in a column of its own.
    raisedByName: name('The author'),
    reviewer: ref('The peer reviewer'),
    reviewerName: name('The peer reviewer'),
    reviewedAt: at('The peer review'),
    approver: ref('The CTO who approved'),
    approverName: name('The CTO who approved'),
    approvedAt: at('The approval'),
    signedOffBy: ref('The CTO who signed off for production'),
    signedOffByName: name('The CTO who signed off for production'),
    signedOffAt: at('The production sign-off'),
    deployer: ref('Who deployed to production'),
    deployerName: name('Who deployed to production'),
    deployedAt: at('The production deploy'),
    deploymentRef: z.string().describe('The CI run or release, or empty.'),
    verifier: ref('Who verified after the deploy'),
    verifierName: name('Who verified after the deploy'),
    verifiedAt: at('The post-deployment verification'),
    systemsAffectedNames: z
      .string()
      .describe('The display names of "Systems affected", in its order.'),
    incidentRef: z.string().describe('Emergency only: the incident.'),
    incidentSeverity: z.string().describe('Emergency only: P1 to P4.'),
    retrospectiveDueAt: at('Emergency only: the retrospective due'),
    retrospectiveAt: at('Emergency only: the retrospective'),
    retrospectiveBy: ref('Emergency only: who documented the retrospective'),
    retrospectiveByName: name(
      'Emergency only: who documented the retrospective',
    ),
    retrospectiveLate: z.enum(['Yes', 'No', '']),
    retrospectiveOverdue: z.enum(['Yes', 'No', '']),
    // The planned window (issue 21).
    plannedStart: at('The planned start'),
    plannedEnd: at('The planned end'),
    // Issue 21, metrics: appended, so that existing columns keep their places.
    causedBy: z
      .string()
      .describe(
        'Emergency only: the id of the change that caused its incident, or empty.',
      ),
    // Issue 24: appended, so that existing columns keep their places.
    riskLevel: z
      .enum(['low', 'medium', 'high', ''])
      .describe('The stored risk assessment, or empty when none was made.'),
    riskScore: z
      .string()
      .describe('The stored risk score as a number, or empty.'),
    // Issue 20: the pull request as the deploy event recorded it; appended,
    // so that existing columns keep their places.
    pullRequestAtDeploy: z
      .string()
      .describe(
        "The pull request's URL as the deploy recorded it, or empty when the change links none or the deploy could not read it.",
      ),
    pullRequestStateAtDeploy: z
      .enum(['open', 'merged', 'closed', ''])
      .describe("The pull request's state at the deploy, or empty."),
    pullRequestApproversAtDeploy: z
      .string()
      .describe(
        'The logins whose approving review counted at the deploy (not the author), separated by ", "; empty without a snapshot or an approval.',
      ),
    pullRequestChecksAtDeploy: z
      .string()
      .describe(
        '"<check>: <conclusion, or status until completed>" for each check run on the head commit at the deploy, separated by ", "; empty without a snapshot or a check.',
      ),
  })
  .strict();

/** @public */
export type ChangeLogRow = z.infer<typeof changeLogRowSchema>;

/** The change log as JSON, oldest first. @public */
export const changeLogExportSchema = z
  .object({ items: z.array(changeLogRowSchema) })
  .strict();

/** @public */
export type ChangeLogExport = z.infer<typeof changeLogExportSchema>;

/**
 * May the change be deployed to an environment now, and why not, in
 * sentences a developer can act on: the one verdict (deployVerdict) that
 * the deploy action, the gate and the change page all read.
 *
 * @public
 */
export const deployVerdictSchema = z
  .object({
    allowed: z.boolean(),
    reasons: z
      .array(z.string())
      .describe('Why not; or, for an emergency, the override it relies on.'),
    final: z
      .boolean()
      .describe(
        'The gate can never open for this change there (finished, or past the deploy): stop waiting.',
      ),
    heldBy: refusalWindowSchema
      .optional()
      .describe(
        'The freeze or blackout that holds a standard or infrastructure change back now; the deploy is refused with this window.',
      ),
    heldByPolicy: z
      .enum(['noDeployOutsideWorkingHours'])
      .optional()
      .describe(
        'Issue 24: the risk-based policy that holds a high-risk change back now (config `changeManagement.risk.policies`); the deploy is refused with a RiskPolicyError naming it.',
      ),
    override: refusalWindowSchema
      .optional()
      .describe(
        'The freeze or blackout an emergency deploys through now, on the CTO approval; the deploy records it as a freeze-override exception.',
      ),
  })
  .strict();

/** @public */
export type DeployVerdict = z.infer<typeof deployVerdictSchema>;

/**
 * One change as its page reads it: the caller's actions, and the verdict on
 * its production deploy now, with the closure of its own entities.
 *
 * @public
 */
export const changeDetailSchema = changeViewSchema
  .extend({
    deployVerdict: deployVerdictSchema.describe(
      "May it deploy to production now, and why not: the gate's answer, with the freeze and the blackouts of its entities.",
    ),
    // The change landscape (issue 21).
    conflicts: z
      .array(conflictSchema)
      .describe(
        'What collides with its planned window: open changes of the same entity, System or one dependency hop, and the freeze or blackouts that hold it back. Empty without a planned window.',
      ),
    riskPolicies: z
      .array(riskPolicyNameSchema)
      .describe(
        'Issue 24: the risk-based policies that bind this change now (config `changeManagement.risk.policies.highRisk`, for a high-risk standard or infrastructure change), so its page says what it still misses. Empty when none binds.',
      ),
  })
  .describe(
    'A change with the actions the caller may take now and whether it may deploy to production.',
  );

/** @public */
export type ChangeDetail = z.infer<typeof changeDetailSchema>;

/**
 * The gate's answer: whether the change may be deployed to the environment
 * now, and why not, in sentences a developer can act on.
 *
 * @public
 */
export const gateAnswerSchema = deployVerdictSchema
  .pick({ allowed: true, reasons: true, final: true })
  .extend({
    change: z
      .object({
        id: z.string().uuid(),
        type: changeTypeSchema,
        state: changeStateSchema,
        version: z.number().int(),
      })
      .strict(),
    freeze: freezeStatusSchema
      .optional()
      .describe('For production: the freeze and the blackouts that apply.'),
  })
  .strict();

/** @public */
export type GateAnswer = z.infer<typeof gateAnswerSchema>;

/**
 * How many changes the summary lists in each of its parts; `total` counts
 * them all.
 *
 * @public
 */
export const SUMMARY_ITEMS = 5;

const summaryPart = (description: string) =>
  z
    .object({
      items: z
        .array(changeSchema)
        .describe(`The newest ${SUMMARY_ITEMS}, newest first.`),
      total: z.number().int().min(0).describe('How many in all.'),
    })
    .strict()
    .describe(description);

/**
 * One entity's change debt, for its catalog card: what is in flight, which
 * retrospectives are overdue, and what last went to production. Only the
 * changes the caller may read are counted.
 *
 * @public
 */
export const entitySummarySchema = z
  .object({
    entityRef: z.string().describe('The entity asked about.'),
    inFlight: summaryPart(
      'Submitted changes that still wait on someone (not drafts, not finished).',
    ),
    overdue: summaryPart(
      `Emergencies whose retrospective was due (deploy + ${RETROSPECTIVE_DUE_HOURS} h) and is not documented.`,
    ),
    lastProductionChange: changeSchema
      .optional()
      .describe('The change most recently deployed to production, if any.'),
  })
  .strict();

/** @public */
export type EntitySummary = z.infer<typeof entitySummarySchema>;

/**
 * How many changes each of the caller's queues holds: the tab headers of the
 * portal, in one call.
 *
 * @public
 */
export const queueCountsSchema = z
  .object({
    needsAction: z
      .number()
      .int()
      .describe('Changes waiting for an action of the caller.'),
    inFlight: z
      .number()
      .int()
      .describe('Submitted changes that still wait on someone.'),
    overdue: z
      .number()
      .int()
      .describe('Emergencies whose retrospective is past due.'),
  })
  .strict();

/** @public */
export type QueueCounts = z.infer<typeof queueCountsSchema>;

const count = (description: string) =>
  z.number().int().min(0).describe(description);

/**
 * One entity's delivery figures, as Tech Insights scores them (entityFacts
 * of change-management-common). Only the changes the caller may read count.
 *
 * @public
 */
export const entityFactsSchema = z
  .object({
    entityRef: z.string().describe('The entity asked about.'),
    openChanges: count(
      'Submitted changes that still wait on someone (not drafts, not finished).',
    ),
    overdueRetrospectives: count(
      `Emergencies whose retrospective was due (deploy + ${RETROSPECTIVE_DUE_HOURS} h) and is not documented.`,
    ),
    productionChanges: count(
      `Changes deployed to production in the last ${CHANGE_FAILURE_WINDOW_DAYS} days.`,
    ),
    failedChanges: count(
      'Of those, the ones rolled back, whose post-deployment verification failed, or that an emergency names as the cause of its incident.',
    ),
    changeFailureRate: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe(
        'failedChanges / productionChanges, from 0 to 1; left out when nothing went to production.',
      ),
    lastProductionChangeAt: isoTime(
      'The last production deploy, at any time; left out if none.',
    ).optional(),
    daysSinceLastProductionChange: count(
      'Whole days since that deploy; left out if none.',
    ).optional(),
  })
  .strict();

/** @public */
export type EntityFactsItem = z.infer<typeof entityFactsSchema>;

/** The figures of each entity asked about, in the order asked. @public */
export const entityFactsListSchema = z
  .object({
    asOf: isoTime('The server time the figures were taken at.'),
    windowDays: z
      .number()
      .int()
      .describe('How many days the production figures look back.'),
    items: z.array(entityFactsSchema),
  })
  .strict();

/** @public */
export type EntityFactsList = z.infer<typeof entityFactsListSchema>;

// Issue 21, metrics: `GET /metrics`, an entity's delivery figures over a
// period (DORA's four keys, emergencies and the change success score). Each
// figure is defined by a judge of workflow/deliveryMetrics.ts.

const weekStart = z
  .string()
  .date()
  .describe('The Monday the week starts on (UTC), yyyy-mm-dd.');
const hours = (description: string) =>
  z.number().nullable().describe(`${description}; null when there is none.`);

/** The figures of one entity over a period. @public */
export const entityMetricsSchema = z
  .object({
    entityRef: z.string().describe('The entity asked about.'),
    from: isoTime('The start of the period, inclusive.'),
    to: isoTime('The end of the period, exclusive.'),
    deployments: z
      .object({
        total: count('Changes deployed to production in the period.'),
        byType: z
          .object({
            standard: count('Standard changes deployed.'),
            emergency: count('Emergencies deployed.'),
            infrastructure: count('Infrastructure changes deployed.'),
          })
          .strict(),
        perWeek: z
          .array(
            z
              .object({
                weekStart,
                standard: count('Standard changes deployed that week.'),
                emergency: count('Emergencies deployed that week.'),
                infrastructure: count(
                  'Infrastructure changes deployed that week.',
                ),
              })
              .strict(),
          )
          .describe('Every week the period touches, oldest first.'),
      })
      .strict(),
    leadTimeHours: z
      .object({
        count: count('Deployed changes with a submit.'),
        median: hours('Hours from the first submit to the production deploy'),
        p90: hours('The 90th percentile of those hours'),
      })
      .strict()
      .describe(
        'Of the changes deployed in the period. Percentiles interpolate between ranks, as PostgreSQL percentile_cont.',
      ),
    changeFailureRate: z
      .object({
        deployed: count('Changes deployed in the period.'),
        failed: count(
          'Of those, rolled back, verified "No", or named by an emergency as the cause of its incident.',
        ),
        rate: z
          .number()
          .min(0)
          .max(1)
          .nullable()
          .describe('failed / deployed; null when nothing was deployed.'),
      })
      .strict(),
    recoveryHours: z
      .object({
        count: count(
          'Failed changes deployed in the period that a later verified deploy on one of their entities recovered.',
        ),
        median: hours(
          'Hours from the failed deploy to the next deploy on the same entity verified "Yes" and not rolled back',
        ),
      })
      .strict(),
    emergencies: z
      .object({
        count: count('Emergencies deployed in the period.'),
        share: z
          .number()
          .min(0)
          .max(1)
          .nullable()
          .describe('Of the deployments; null when there were none.'),
        retrospectives: z
          .object({
            due: count(
              'Of those emergencies, retrospectives due by now or documented.',
            ),
            onTime: count('Documented by their due time.'),
          })
          .strict(),
      })
      .strict(),
    score: z
      .object({
        total: z
          .number()
          .describe(
            'The change success score of the changes deployed in the period (see the README for the weights).',
          ),
        perWeek: z
          .array(
            z
              .object({
                weekStart,
                score: z
                  .number()
                  .describe('Of the changes deployed that week.'),
              })
              .strict(),
          )
          .describe('Every week the period touches, oldest first.'),
      })
      .strict(),
  })
  .strict()
  .describe(
    'An entity (for a System, with its parts) over [from, to): only the changes the caller may read count.',
  );

/** @public */
export type EntityMetrics = z.infer<typeof entityMetricsSchema>;
