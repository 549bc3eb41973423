import { z } from 'zod';
import {
  changeActionSchema,
  changeExceptionKindSchema,
  changeStateSchema,
  changeTypeSchema,
  incidentSeveritySchema,
  stagingTestedSchema,
  yesNoSchema,
} from './enums';
import { isoTime, text } from './fields';
import { RETROSPECTIVE_DUE_WORDS } from './workflow/retrospectiveDue';
import { windowWarningSchema } from './workflow/windowWarnings';
import { pullRequestWarningSchema } from './pullRequests';
import { changeRiskSchema } from './workflow/changeRisk';

export * from './enums';

// The record of a change as the server answers it. These schemas are the
// contract: the types below are inferred from them and the backend's OpenAPI
// document is generated from them. They are strict, so the document says
// `additionalProperties: false` and a key the server sends but does not
// declare fails the contract test.

/** The incident an emergency change responds to. @public */
export const incidentSchema = z
  .object({
    ref: text('Incident reference', 200)
      .trim()
      .min(1)
      .describe('The incident in the incident tracker, e.g. INC-1042.'),
    severity: incidentSeveritySchema,
  })
  .strict();

const userRef = (description: string) =>
  z.string().describe(`${description} (a user entity ref).`);

/** Who did a step and when. @public */
export const changeSignatureSchema = z
  .object({
    by: userRef('Who did it'),
    at: isoTime('When, ISO 8601.'),
  })
  .strict();

/** @public */
export type ChangeSignature = z.infer<typeof changeSignatureSchema>;

/** @public */
export const changeExceptionSchema = z
  .object({
    kind: changeExceptionKindSchema,
    actor: userRef('Whoever caused the exception'),
    at: isoTime('When, ISO 8601.'),
    detail: z.string().describe('What happened, for an auditor.'),
  })
  .strict();

/** @public */
export type ChangeException = z.infer<typeof changeExceptionSchema>;

const signed = (description: string) =>
  changeSignatureSchema.optional().describe(description);

/**
 * One change: a row of the SOP's change log plus its workflow state.
 *
 * @public
 */
export const changeSchema = z
  .object({
    id: z.string().uuid().describe('Assigned by the server.'),
    type: changeTypeSchema,
    state: changeStateSchema,
    version: z
      .number()
      .int()
      .min(1)
      .describe(
        'Increases with every accepted write; actions must send the last one seen.',
      ),
    title: z.string(),
    description: z.string().describe('What is being changed and why.'),
    risks: z.string().describe('Risks and potential side effects.'),
    testingNotes: z.string().describe('How the change was tested locally.'),
    pullRequestUrl: z.string().url().optional(),
    incident: incidentSchema.optional().describe('Emergency only.'),
    proposedFix: z
      .string()
      .optional()
      .describe('Emergency only: the fix proposed to the CTO.'),
    // Issue 21, metrics: see workflow/causedBy.ts.
    causedBy: z
      .string()
      .uuid()
      .optional()
      .describe(
        'Emergency only: the id of the change whose failure caused the incident.',
      ),
    // Issue 24: the stored assessment, see workflow/changeRisk.ts.
    risk: changeRiskSchema.optional(),
    affectedEntityRefs: z
      .array(z.string())
      .describe(
        'The entities the change touches (components, resources, systems, ...).',
      ),
    affectedSystemRefs: z
      .array(z.string())
      .describe('The systems those entities belonged to when recorded.'),
    createdBy: userRef('The author: the user who raised the change'),
    createdAt: isoTime('When the change was raised.'),
    updatedAt: isoTime('The last accepted write.'),
    reviewed: signed('The peer review.'),
    secondReviewed: signed(
      'Issue 24: the second peer review, by another engineer, where the twoPeerReviews policy binds the change (docs/workflow.md).',
    ),
    approved: signed('The CTO approval.'),
    signedOff: signed("The CTO's production sign-off."),
    stagingTested: stagingTestedSchema.optional(),
    deployed: changeSignatureSchema
      .extend({
        deploymentRef: z
          .string()
          .optional()
          .describe('For example a pipeline run URL.'),
      })
      .optional()
      .describe('The production deploy.'),
    postDeploymentVerified: yesNoSchema.optional(),
    verified: signed('The post-deployment verification.'),
    issuesEncountered: z
      .string()
      .optional()
      .describe('Issues found after the deploy; empty for none.'),
    retrospectiveDueAt: isoTime(
      `Emergency only: exactly ${RETROSPECTIVE_DUE_WORDS} after the production deploy.`,
    ).optional(),
    retrospective: changeSignatureSchema
      .extend({
        whatChanged: z.string(),
        why: z.string(),
        approvalReceived: z.string(),
        late: z.boolean().describe('Documented after the due time.'),
      })
      .optional()
      .describe("Emergency only: the author's retrospective."),
    postDeploymentReview: changeSignatureSchema
      .extend({
        preventable: yesNoSchema.describe(
          'Could the issue have been prevented?',
        ),
        notes: z.string(),
      })
      .optional()
      .describe("Emergency only: the CTO's review of the retrospective."),
    exceptions: z
      .array(changeExceptionSchema)
      .describe('Exceptions to the normal workflow, for auditors.'),
    overdue: z
      .boolean()
      .describe(
        'An emergency past its retrospective due time without a retrospective.',
      ),
    // The planned window (issue 21): both or neither.
    plannedStart: isoTime(
      'When the change is planned to start, inclusive.',
    ).optional(),
    plannedEnd: isoTime(
      'When the change is planned to end, exclusive.',
    ).optional(),
  })
  .strict()
  .describe('One change: a row of the SOP change log with its workflow state.');

/** @public */
export type Change = z.infer<typeof changeSchema>;

/**
 * A change as returned to a particular caller: with the actions that caller
 * may take now.
 *
 * @public
 */
export const changeViewSchema = changeSchema
  .extend({
    allowedActions: z
      .array(changeActionSchema)
      .describe('The actions the caller may take now.'),
    // The planned window's warnings (issue 21).
    windowWarnings: z
      .array(windowWarningSchema)
      .optional()
      .describe(
        'On create, edit and the change page: what to know of its planned window (freeze, blackout, working hours); a warning never refuses the draft.',
      ),
    // Issue 20.
    pullRequestWarnings: z
      .array(pullRequestWarningSchema)
      .optional()
      .describe(
        'On create and edit: what to know of the linked pull request, such as a repository none of the affected entities names; a warning never refuses the draft.',
      ),
  })
  .describe('A change with the actions the caller may take now.');

/** @public */
export type ChangeView = z.infer<typeof changeViewSchema>;

/**
 * Why a draft is a draft again: the event that sent it back, a
 * `request-changes` with its comment or a `record-staging` with the checks
 * that failed.
 *
 * @public
 */
export const sentBackSchema = z
  .object({
    action: z.enum(['request-changes', 'record-staging']),
    by: userRef('Who sent it back'),
    at: isoTime('When, ISO 8601.'),
    comment: z.string().optional(),
    failedChecks: z
      .array(z.string())
      .optional()
      .describe('record-staging: the checks that failed.'),
  })
  .strict();

/** @public */
export type SentBack = z.infer<typeof sentBackSchema>;

/** A change in a list: a draft sent back also says why. @public */
export const changeListItemSchema = changeSchema
  .extend({
    sentBack: sentBackSchema
      .optional()
      .describe('A draft that was sent back: the event that did it.'),
    // Issue 20: for the approval queue, from the snapshot kept.
    pullRequestWarnings: z
      .array(pullRequestWarningSchema)
      .optional()
      .describe(
        'Where a module reads pull requests and one snapshot of the linked pull request is kept (read at the last review, approval, sign-off or deploy, or on refresh): what the CTO should know of it (not merged, failing or unfinished checks, no approval); empty when nothing. The list reads nothing of GitHub. Absent without a reader or a snapshot.',
      ),
  })
  .describe('A change in a list; a draft sent back also says why.');

/** @public */
export type ChangeListItem = z.infer<typeof changeListItemSchema>;

/** A page of changes, in the order asked for. @public */
export const changeListSchema = z
  .object({
    items: z.array(changeListItemSchema),
    nextCursor: z
      .string()
      .optional()
      .describe('Pass as `cursor` for the next page; absent on the last.'),
  })
  .strict();

/** @public */
export type ChangeList = z.infer<typeof changeListSchema>;
