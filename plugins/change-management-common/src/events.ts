import { z } from 'zod';
import { actionFieldSchemas } from './actionSchemas';
import { isoTime } from './fields';
import { changeRiskSchema } from './workflow/changeRisk';
import { pullRequestSnapshotSchema } from './pullRequests';
import { refusalWindowSchema } from './errors';
import {
  CHANGE_ACTIONS,
  ChangeAction,
  REMINDER_CLOCKS,
  REMINDER_THRESHOLDS,
  SYSTEM_EVENTS,
  changeExceptionSchema,
  changeSignatureSchema,
  changeStateSchema,
} from './types';

const sha256 = (description: string) =>
  z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .describe(description);

type UnionToIntersection<U> = (
  U extends unknown ? (u: U) => void : never
) extends (i: infer I) => void
  ? I
  : never;

/**
 * Every key any action records, typed as that action sends it. Without the
 * draft's defaults: an event holds what was sent, and an action that sends
 * no description records none.
 */
type RecordedShape = {
  [K in keyof AllFieldShapes]: AllFieldShapes[K] extends z.ZodDefault<infer T>
    ? T
    : AllFieldShapes[K];
};
type AllFieldShapes = UnionToIntersection<
  (typeof actionFieldSchemas)[ChangeAction]['shape']
>;

const withoutDefault = (schema: z.ZodTypeAny) =>
  schema instanceof z.ZodDefault ? schema.removeDefault() : schema;

const recordedFields = CHANGE_ACTIONS.reduce(
  (all: z.AnyZodObject, action) =>
    all.extend(
      Object.fromEntries(
        Object.entries(actionFieldSchemas[action].shape).map(
          ([key, schema]) => [key, withoutDefault(schema)],
        ),
      ),
    ),
  z.object({}),
) as z.ZodObject<RecordedShape>;

/**
 * Everything an event may record: the fields of its action as they were
 * sent (the draft itself for `create` and `edit`), and what the workflow adds
 * to some of them. Built from every action's field schema, so a field added
 * to an action is described here too.
 *
 * @public
 */
export const changeEventFieldsSchema = recordedFields
  .extend({
    failedChecks: z
      .array(z.string())
      .describe('record-staging: the checks that failed, back to draft.'),
    freezeOverride: z
      .literal(true)
      .describe('deploy: an emergency deployed during a freeze.'),
    freezeWindow: refusalWindowSchema.describe(
      'deploy: the freeze the emergency deployed in.',
    ),
    approvalReliedOn: changeSignatureSchema.describe(
      'deploy: the CTO approval a freeze override relied on.',
    ),
    exceptions: z
      .array(changeExceptionSchema)
      .describe('Exceptions the action added to the record.'),
    // Issue 24.
    risk: changeRiskSchema.describe(
      'create, edit, submit: the risk assessed and stored; approve, sign-off: the stored risk the CTO saw.',
    ),
    // Issue 20.
    pullRequest: pullRequestSnapshotSchema.describe(
      'review, approve, sign-off, deploy: the linked pull request as it was when the action was taken.',
    ),
    clock: z
      .enum(REMINDER_CLOCKS)
      .describe(
        'reminder-sent, retrospective-overdue, verification-overdue: the deadline watched.',
      ),
    threshold: z
      .enum(REMINDER_THRESHOLDS)
      .describe(
        'reminder-sent, retrospective-overdue, verification-overdue: a reminder before the deadline, or the deadline itself.',
      ),
    dueAt: isoTime(
      'reminder-sent, retrospective-overdue, verification-overdue: the deadline, ISO 8601.',
    ),
    notified: z
      .array(z.string())
      .describe(
        'reminder-sent, retrospective-overdue, verification-overdue: the user entity refs the plugin notified.',
      ),
  })
  .partial()
  .strict();

/**
 * One entry of the audit trail. Events are never updated or deleted.
 *
 * @public
 */
export const changeEventSchema = z
  .object({
    id: z.string().uuid(),
    changeId: z.string().uuid(),
    seq: z
      .number()
      .int()
      .min(1)
      .describe('The position in the whole audit trail, across changes.'),
    action: z
      .enum(['create', ...CHANGE_ACTIONS, ...SYSTEM_EVENTS])
      .describe(
        '`create`, the workflow action taken, or what the plugin recorded itself (a reminder, an escalation).',
      ),
    fromState: changeStateSchema.optional().describe('Absent on create.'),
    toState: changeStateSchema,
    actor: z
      .string()
      .describe('The user entity ref, from the credentials, never a body.'),
    at: isoTime('Server time, ISO 8601.'),
    comment: z.string().optional(),
    fields: changeEventFieldsSchema,
    previousHash: sha256('The hash of the event before, across changes.'),
    hash: sha256('sha256(previousHash + canonical JSON of the event), hex.'),
  })
  .strict();

/** @public */
export type ChangeEvent = z.infer<typeof changeEventSchema>;

/** A change's events, oldest first. @public */
export const changeEventListSchema = z
  .object({ items: z.array(changeEventSchema) })
  .strict();

/** @public */
export type ChangeEventList = z.infer<typeof changeEventListSchema>;

/** An event at the head of the hash chain, or at a checkpoint. @public */
export const chainHeadSchema = z
  .object({
    eventId: z.string(),
    hash: sha256('The hash of that event.'),
    at: isoTime('When that event was recorded.'),
  })
  .strict();

/** @public */
export type ChainHead = z.infer<typeof chainHeadSchema>;

/** The answer of re-computing the hash chain. @public */
export const auditVerificationSchema = z
  .object({
    ok: z.boolean(),
    checked: z
      .number()
      .int()
      .min(0)
      .describe('How many events matched before the first bad one.'),
    firstBadEventId: z
      .string()
      .optional()
      .describe(
        'The first event that does not match: its hash, its link to the one before, a checkpoint, or (when the newest events were removed) the missing newest event.',
      ),
    badChangeId: z
      .string()
      .optional()
      .describe(
        'The first change whose row differs from what its events replay to.',
      ),
    problem: z
      .string()
      .optional()
      .describe('What is wrong, in words, when `ok` is false.'),
    head: chainHeadSchema
      .optional()
      .describe('The newest event of the chain; absent when there is none.'),
  })
  .strict();

/** @public */
export type AuditVerification = z.infer<typeof auditVerificationSchema>;

/**
 * A chain head recorded by the nightly verification; signed when
 * `changeManagement.audit.signingKey` is set (`checkpointSignedText`).
 *
 * @public
 */
export const chainCheckpointSchema = chainHeadSchema
  .extend({
    seq: z.number().int().min(1).describe('The seq of that event.'),
    createdAt: isoTime('When the checkpoint was taken.'),
    signature: z
      .string()
      .optional()
      .describe(
        'The Ed25519 signature of the checkpoint (its text, as checkpointSignedText writes it), base64; absent when no signing key was set.',
      ),
    keyFingerprint: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional()
      .describe(
        'sha256 of the public key that verifies the signature (its DER SubjectPublicKeyInfo), hex.',
      ),
  })
  .strict();

/** @public */
export type ChainCheckpoint = z.infer<typeof chainCheckpointSchema>;

/** The checkpoints, newest first. @public */
export const chainCheckpointListSchema = z
  .object({ items: z.array(chainCheckpointSchema) })
  .strict();

/** @public */
export type ChainCheckpointList = z.infer<typeof chainCheckpointListSchema>;
