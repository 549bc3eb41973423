import { z } from 'zod';
import { blackoutSchema } from './blackouts';
import { isoTime } from './fields';
import { FreezeWindow } from './freeze';
import { changeStateSchema, changeTypeSchema } from './types';

/** The liveness answer. @public */
export const healthSchema = z.object({ status: z.literal('ok') }).strict();

/** A concrete occurrence of a freeze window. @public */
export const freezeWindowSchema = z
  .object({
    start: isoTime('Inclusive, midnight in the calendar time zone.'),
    end: isoTime('Exclusive, midnight in the calendar time zone.'),
  })
  .strict() satisfies z.ZodType<FreezeWindow>;

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
 * The gate's answer: whether the change may be deployed to the environment
 * now, and why not, in sentences a developer can act on.
 *
 * @public
 */
export const gateAnswerSchema = z
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
