import { z } from 'zod';
import {
  pullRequestSnapshotSchema,
  pullRequestWarningSchema,
} from './pullRequests';
import { changeEventFieldsSchema, changeEventSchema } from './events';
import { CHANGE_TYPES } from './enums';
import { exceptionFactsSchema } from './exceptionText';
import { countsOf, isoTime } from './fields';
import { changeSchema, changeSignatureSchema, changeTypeSchema } from './types';

// The auditor's answers: the exceptions of a period, and a sample of its
// production changes with their evidence.

/**
 * What went outside the normal workflow: the exceptions a change records
 * (waived review, self-approval, freeze override, late retrospective), and
 * what its record shows (a retrospective still missing, a deploy never
 * verified, a failed verification, a roll-back).
 *
 * @public
 */
export const auditExceptionKindSchema = z.enum([
  'waived-review',
  'self-approval',
  'freeze-override',
  'late-retrospective',
  'missing-retrospective',
  'not-verified',
  'failed-verification',
  'rolled-back',
]);

/** @public */
export type AuditExceptionKind = z.infer<typeof auditExceptionKindSchema>;

/** One exception: the change, the kind, when and who. @public */
export const auditExceptionSchema = z
  .object({
    changeId: z.string().uuid(),
    title: z.string(),
    changeType: changeTypeSchema,
    kind: auditExceptionKindSchema,
    at: isoTime('When it happened (for a missing retrospective: when due).'),
    actor: z
      .string()
      .describe(
        'Who: whoever caused it, or who owes what is missing (the author).',
      ),
    detail: z
      .string()
      .describe('As recorded, with refs and ISO times: for programs.'),
    facts: exceptionFactsSchema
      .optional()
      .describe(
        'What the detail is made of, to word it for people (describeException of change-management-common).',
      ),
  })
  .strict();

/** @public */
export type AuditException = z.infer<typeof auditExceptionSchema>;

/** The exceptions of a period, oldest first. @public */
export const auditExceptionListSchema = z
  .object({ items: z.array(auditExceptionSchema) })
  .strict();

/** @public */
export type AuditExceptionList = z.infer<typeof auditExceptionListSchema>;

/**
 * A period at a glance: the changes raised in it by type, the changes
 * deployed to production in it, and its exceptions by kind.
 *
 * @public
 */
export const auditCountsSchema = z
  .object({
    from: isoTime('The start of the period.'),
    to: isoTime('The end of the period.'),
    entityRef: z
      .string()
      .optional()
      .describe('The entity the counts are scoped to, if any.'),
    changes: z.number().int().describe('Changes raised in the period.'),
    byType: countsOf(CHANGE_TYPES).describe(
      'Changes raised in the period, by type.',
    ),
    productionDeploys: z
      .number()
      .int()
      .describe('Changes deployed to production in the period.'),
    exceptions: countsOf(auditExceptionKindSchema.options).describe(
      'Exceptions of the period, by kind.',
    ),
  })
  .strict();

/** @public */
export type AuditCounts = z.infer<typeof auditCountsSchema>;

const signedBy = changeSignatureSchema.extend({
  isAuthor: z.boolean().describe('Whether they raised the change themselves.'),
});

/**
 * The evidence of one production change: its record, its trail with the
 * hashes, and the SOP's controls read from them.
 *
 * @public
 */
export const changeEvidenceSchema = z
  .object({
    change: changeSchema,
    events: z.array(changeEventSchema).describe('Oldest first.'),
    duties: z
      .object({
        author: z.string(),
        reviewed: signedBy.optional(),
        reviewWaived: changeSignatureSchema
          .extend({ reason: z.string() })
          .optional(),
        approved: signedBy.optional(),
        signedOff: signedBy.optional(),
        separated: z
          .boolean()
          .describe(
            'Nobody reviewed, approved or signed off their own change.',
          ),
      })
      .strict(),
    staging: z
      .object({
        tested: z.string().describe('yes, no, n/a, or empty.'),
        recorded: changeSignatureSchema
          .extend({ fields: changeEventFieldsSchema })
          .optional()
          .describe('The last record-staging event: who, when, the checks.'),
      })
      .strict(),
    deploy: changeSignatureSchema
      .extend({ deploymentRef: z.string().optional() })
      .optional(),
    verification: z
      .object({
        result: z.string().describe('yes, no, or empty if never verified.'),
        verified: changeSignatureSchema.optional(),
        issuesEncountered: z.string(),
      })
      .strict(),
    retrospective: z
      .object({
        dueAt: z.string().optional(),
        documented: changeSignatureSchema.optional(),
        late: z.boolean(),
        hoursAfterDeploy: z.number().optional(),
        whatChanged: z.string(),
        why: z.string(),
        approvalReceived: z.string(),
      })
      .strict()
      .optional()
      .describe('Emergency only.'),
    // Issue 20.
    pullRequest: z
      .array(
        changeSignatureSchema.extend({
          action: changeEventSchema.shape.action,
          snapshot: pullRequestSnapshotSchema,
          warnings: z.array(pullRequestWarningSchema),
        }),
      )
      .optional()
      .describe(
        'The linked pull request as it was at each review, approval, sign-off and deploy, from their events, with what it lacked; absent when no event recorded one.',
      ),
  })
  .strict();

/** @public */
export type ChangeEvidence = z.infer<typeof changeEvidenceSchema>;

/** A reproducible sample of a period's production changes. @public */
export const auditSampleSchema = z
  .object({
    from: isoTime('The start of the period.'),
    to: isoTime('The end of the period.'),
    seed: z.string().describe('Pass it again to draw the same sample.'),
    entityRef: z
      .string()
      .optional()
      .describe('The entity the sample was drawn from, if any.'),
    population: z
      .number()
      .int()
      .describe('How many production changes the period holds.'),
    items: z.array(changeEvidenceSchema).describe('In deploy order.'),
  })
  .strict();

/** @public */
export type AuditSample = z.infer<typeof auditSampleSchema>;
