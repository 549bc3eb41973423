import { z } from 'zod';
import { freezeWindowSchema } from './freeze';
import { changeActionSchema, changeStateSchema } from './types';
import { riskLevelSchema } from './workflow/changeRisk';
import { riskPolicyNameSchema } from './workflow/riskPolicies';

/**
 * One field the server refused, by its dotted path in the request body
 * (`incident.severity`); an empty path means the request as a whole.
 *
 * @public
 */
export const inputIssueSchema = z
  .object({
    path: z
      .string()
      .describe(
        'The dotted path of the field (`incident.severity`); empty for the request as a whole.',
      ),
    message: z.string(),
  })
  .strict();

/** @public */
export type InputIssue = z.infer<typeof inputIssueSchema>;

/** A freeze or blackout window as a refusal names it. @public */
export const refusalWindowSchema = freezeWindowSchema.extend({
  timeZone: z.string().describe('The IANA zone of the freeze calendar.'),
  entityRef: z
    .string()
    .optional()
    .describe('For a blackout: the System or Domain it is declared on.'),
  reason: z.string().optional().describe('For a blackout or lockdown: why.'),
  lockdownId: z
    .string()
    .optional()
    .describe('For a lockdown the CTO declared (issue 24): its id.'),
});

/** @public */
export type RefusalWindow = z.infer<typeof refusalWindowSchema>;

const refusal = <N extends string, S extends z.ZodRawShape>(
  name: N,
  fields: S,
) =>
  z
    .object({
      name: z.literal(name),
      message: z
        .string()
        .describe('For people; programs read the name and the fields.'),
      ...fields,
    })
    .strict();

/** 400: one issue per bad field. @public */
export const inputRefusalSchema = refusal('InputError', {
  issues: z.array(inputIssueSchema),
});

/** 403: a role or separation-of-duties rule, or the permission policy. @public */
export const notAllowedRefusalSchema = refusal('NotAllowedError', {});

/**
 * 403: a holder of the CTO role may not peer-review this change, because
 * nobody else could approve it then (docs/workflow.md, "Separation of
 * duties at the edges").
 *
 * @public
 */
export const soleApproverRefusalSchema = refusal('SoleApproverError', {
  ctoRoleHolders: z
    .array(z.string())
    .describe(
      'The users who hold the CTO role (user entity refs): the caller, and the author if they hold it; neither may approve after this review.',
    ),
});

/** 409: the action is not open in the change's state. @public */
export const invalidTransitionRefusalSchema = refusal(
  'InvalidTransitionError',
  {
    state: changeStateSchema.describe('The state the change is in.'),
    allowedActions: z
      .array(changeActionSchema)
      .describe(
        'The actions open in that state, whoever asks (docs/workflow.md).',
      ),
  },
);

/** 409: production deploys are frozen for this change. @public */
export const freezeRefusalSchema = refusal('FreezeError', {
  window: refusalWindowSchema,
});

/**
 * 409: a risk-based policy (issue 24, config
 * `changeManagement.risk.policies`) refuses the action for this change
 * (docs/workflow.md, "Risk-based policies").
 *
 * @public
 */
export const riskPolicyRefusalSchema = refusal('RiskPolicyError', {
  policy: riskPolicyNameSchema.describe(
    'The policy that refuses, as config names it.',
  ),
  riskLevel: riskLevelSchema.describe("The change's stored risk level."),
});

/** 409: the client acted on a version that is no longer current. @public */
export const staleVersionRefusalSchema = refusal('StaleVersionError', {
  currentVersion: z.number().int().min(1),
});

/**
 * Why the workflow refuses a request: the `error.name` of the HTTP answer and
 * the fields a program acts on. Clients read these, never the message text.
 *
 * @public
 */
export const refusalSchema = z.discriminatedUnion('name', [
  inputRefusalSchema,
  notAllowedRefusalSchema,
  soleApproverRefusalSchema,
  invalidTransitionRefusalSchema,
  freezeRefusalSchema,
  staleVersionRefusalSchema,
  riskPolicyRefusalSchema,
]);

/** @public */
export type Refusal = z.infer<typeof refusalSchema>;

/** The `error.name`s of the refusals. @public */
export type RefusalName = Refusal['name'];

/** The HTTP status of each refusal. @public */
export const REFUSAL_STATUS: Record<RefusalName, 400 | 403 | 409> = {
  InputError: 400,
  NotAllowedError: 403,
  SoleApproverError: 403,
  InvalidTransitionError: 409,
  FreezeError: 409,
  StaleVersionError: 409,
  RiskPolicyError: 409,
};

// What Backstage's error handler adds when it serializes an error: the
// error's other own properties (our 409 errors carry their statusCode) and,
// in development only, the stack.
const serialized = {
  statusCode: z.number().int().optional(),
  stack: z.string().optional().describe('Only in development.'),
};

const errorBody = (error: z.ZodTypeAny, statusCode: z.ZodTypeAny) =>
  z
    .object({
      error,
      request: z
        .object({ method: z.string(), url: z.string() })
        .strict()
        .optional(),
      response: z.object({ statusCode }).strict(),
    })
    .strict();

/**
 * Backstage's error body, `{ error: { name, message, ... }, request?,
 * response: { statusCode } }`, for errors that are not refusals: 401, 404,
 * 413, 415. Their `error` is left open, because Backstage and the HTTP
 * middleware add fields of their own (`expose`, `limit`, ...).
 *
 * @public
 */
export const errorBodySchema = errorBody(
  z.object({
    name: z.string().describe('The error class, e.g. NotFoundError.'),
    message: z.string(),
    ...serialized,
  }),
  z.number().int().min(400),
);

const refusalBody = (error: z.AnyZodObject, name: RefusalName) =>
  errorBody(error.extend(serialized), z.literal(REFUSAL_STATUS[name]));

/**
 * Backstage's error body around each refusal, by `error.name`.
 *
 * @public
 */
export const refusalBodySchemas = {
  InputError: refusalBody(inputRefusalSchema, 'InputError'),
  NotAllowedError: refusalBody(notAllowedRefusalSchema, 'NotAllowedError'),
  SoleApproverError: refusalBody(
    soleApproverRefusalSchema,
    'SoleApproverError',
  ),
  InvalidTransitionError: refusalBody(
    invalidTransitionRefusalSchema,
    'InvalidTransitionError',
  ),
  FreezeError: refusalBody(freezeRefusalSchema, 'FreezeError'),
  StaleVersionError: refusalBody(
    staleVersionRefusalSchema,
    'StaleVersionError',
  ),
  RiskPolicyError: refusalBody(riskPolicyRefusalSchema, 'RiskPolicyError'),
} satisfies Record<RefusalName, z.AnyZodObject>;

/**
 * The refusal in an error from the server, when there is one: reads Backstage's
 * error body (`{ error: { name, message, ...fields } }`) from a
 * `ResponseError` or from a body alone.
 *
 * @public
 */
export function refusalOf(error: unknown): Refusal | undefined {
  const e = error as
    | { body?: { error?: unknown }; error?: unknown }
    | undefined;
  const candidate = (e?.body?.error ?? e?.error) as
    | { name?: unknown; message?: unknown }
    | undefined;
  if (
    candidate &&
    typeof candidate.name === 'string' &&
    typeof candidate.message === 'string' &&
    candidate.name in REFUSAL_STATUS
  ) {
    return candidate as Refusal;
  }
  return undefined;
}
