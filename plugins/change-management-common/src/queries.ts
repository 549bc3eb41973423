import { z } from 'zod';
import { storable } from './fields';
import { CHANGE_STATES, changeStateSchema, changeTypeSchema } from './types';

/**
 * The times the API reads: 1970 to 9999. Beyond, the databases cannot store
 * or compare them (PostgreSQL refuses the year -271821 that JavaScript
 * allows), and no change log lives there.
 *
 * @public
 */
export const TIME_RANGE = {
  min: new Date('1970-01-01T00:00:00.000Z'),
  max: new Date('9999-12-31T23:59:59.999Z'),
};

/** Whether a time is within {@link TIME_RANGE}. @public */
export function isTimeInRange(time: Date): boolean {
  return time >= TIME_RANGE.min && time <= TIME_RANGE.max;
}

/**
 * The id of a change in a path: a UUID, as the server assigns them.
 *
 * @public
 */
export const changeIdSchema = z
  .string()
  .uuid('id must be the id of a change (a UUID)');

// The query strings of the API. Each value arrives as text; the schemas read
// it into what the server uses (dates, lists, booleans, numbers).

/** A time in a query string, read into a Date. @public */
export const queryTime = (name: string, description: string) =>
  z
    .string({ required_error: `${name} is required` })
    .transform((value, ctx) => {
      const parsed = new Date(value);
      if (Number.isNaN(parsed.getTime()) || !isTimeInRange(parsed)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `${name} must be an ISO 8601 time from 1970 to 9999, like 2026-10-01 or 2026-10-01T00:00:00Z`,
        });
        return z.NEVER;
      }
      return parsed;
    })
    .describe(`${description} An ISO 8601 date or time.`);

const flag = (description: string) =>
  z
    .enum(['true', 'false'])
    .optional()
    .transform(value => value === 'true')
    .describe(description);

/** An entity whose changes are meant: for a System, its parts' too. @public */
export const scopeRef = storable('entityRef', 255).describe(
  'The entity itself, or for a System everything that is part of it.',
);

const states = z
  .string()
  .transform((value, ctx) => {
    const parsed = z.array(changeStateSchema).safeParse(value.split(','));
    if (!parsed.success) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `state must be one or more of ${CHANGE_STATES.join(
          ', ',
        )}, separated by commas`,
      });
      return z.NEVER;
    }
    return parsed.data;
  })
  .describe('One state, or several separated by commas.');

/**
 * The query string of `GET /changes`.
 *
 * @public
 */
export const listQuerySchema = z
  .object({
    entityRef: scopeRef.optional(),
    state: states.optional(),
    type: changeTypeSchema.optional(),
    author: storable('author', 255).optional().describe('A user entity ref.'),
    needsActionBy: z
      .literal('me', {
        errorMap: () => ({ message: "needsActionBy takes only 'me'" }),
      })
      .optional()
      .describe('`me`: changes waiting for an action of the caller.'),
    inFlight: flag('`true`: submitted changes that still wait on someone.'),
    overdue: flag('`true`: emergencies whose retrospective is past due.'),
    q: storable('q', 200)
      .optional()
      .describe(
        'Changes whose title contains this text, ignoring case (ASCII letters on SQLite).',
      ),
    // Issue 20: the GitHub module finds a deployment's change by its PR.
    pullRequestUrl: storable('pullRequestUrl', 2000)
      .optional()
      .describe('Changes whose pull request is at this URL, exactly.'),
    // Issue 20: and, failing that, by the commit a recorded deploy names.
    commitSha: z
      .string()
      .regex(/^[0-9a-fA-F]{7,40}$/, 'commitSha must be 7 to 40 hex digits')
      .optional()
      .describe(
        'Changes whose recorded deploy names this commit: the commitSha it recorded (7 hex digits or more) is this SHA or its start.',
      ),
    order: z
      .enum(['newest', 'due'], {
        errorMap: () => ({ message: "order must be 'newest' or 'due'" }),
      })
      .default('newest')
      .describe(
        '`newest`: newest first. `due`: emergencies first (those not yet deployed, then by retrospective due time, soonest first), then the rest newest first. A cursor pages only the order it came from.',
      ),
    limit: z.coerce
      .number({ invalid_type_error: 'limit must be a number from 1 to 100' })
      .int('limit must be a whole number from 1 to 100')
      .min(1, 'limit must be from 1 to 100')
      .max(100, 'limit must be from 1 to 100')
      .default(25)
      .describe('The page size.'),
    cursor: storable('cursor', 1000)
      .optional()
      .describe('The nextCursor of the previous page.'),
  })
  .strict();

/** @public */
export type ListQuery = z.infer<typeof listQuerySchema>;

/** The query string of `GET /changes` as a client writes it. @public */
export type ListQueryInput = z.input<typeof listQuerySchema>;

/**
 * The query string of `GET /export`: the changes a list shows (its entity,
 * state, type and title search, read as `GET /changes` reads them), raised
 * in [from, to) when a range is given. A range needs both of its ends.
 *
 * @public
 */
export const exportQuerySchema = z
  .object({
    from: queryTime(
      'from',
      'The start of the range, inclusive; with `to`, or neither for every change.',
    ).optional(),
    to: queryTime(
      'to',
      'The end of the range, exclusive; with `from`, or neither for every change.',
    ).optional(),
    format: z.enum(['csv', 'json']).default('csv'),
    entityRef: scopeRef.optional(),
    state: states.optional(),
    type: changeTypeSchema.optional(),
    q: storable('q', 200)
      .optional()
      .describe('Changes whose title contains this text, ignoring case.'),
  })
  .strict()
  .superRefine(({ from, to }, ctx) => {
    // One end alone would be a range nobody meant.
    if (!from !== !to) {
      const missing = from ? 'to' : 'from';
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: [missing],
        message: `${missing} is required with ${
          from ? 'from' : 'to'
        }: give both ends of the range, or neither`,
      });
    }
  });

/** The query string of `GET /export` as a client writes it. @public */
export type ExportQueryInput = z.input<typeof exportQuerySchema>;

/**
 * The query string of `GET /freeze`.
 *
 * @public
 */
export const freezeQuerySchema = z
  .object({
    at: queryTime('at', 'The time to ask about; now by default.').optional(),
    entityRef: storable('entityRef', 255)
      .optional()
      .describe(
        'Also the blackouts of this entity, its System and its Domain.',
      ),
  })
  .strict();

/**
 * The query string of `GET /gate`: may this change be deployed there now?
 *
 * @public
 */
export const gateQuerySchema = z
  .object({
    changeId: changeIdSchema,
    environment: z
      .enum(['production', 'staging'], {
        errorMap: () => ({
          message: "environment must be 'production' or 'staging'",
        }),
      })
      .default('production'),
  })
  .strict();

/** The query string of `GET /gate` as a client writes it. @public */
export type GateQueryInput = z.input<typeof gateQuerySchema>;

/**
 * The query string of `GET /summary`: one entity's change debt.
 *
 * @public
 */
export const summaryQuerySchema = z
  .object({
    entityRef: scopeRef.min(1, 'entityRef is required'),
  })
  .strict();

/** The query string of `GET /summary` as a client writes it. @public */
export type SummaryQueryInput = z.input<typeof summaryQuerySchema>;

/** How many entities `GET /entities/facts` answers for at once. @public */
export const ENTITY_FACTS_BATCH = 100;

/**
 * The query string of `GET /entities/facts`: the entities, separated by
 * commas (an entity ref holds none).
 *
 * @public
 */
export const entityFactsQuerySchema = z
  .object({
    entityRefs: z
      .string({ required_error: 'entityRefs is required' })
      .transform((value, ctx) => {
        const refs = value.split(',');
        const parsed = z
          .array(scopeRef.min(1))
          .min(1)
          .max(ENTITY_FACTS_BATCH)
          .safeParse(refs);
        if (!parsed.success) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            message: `entityRefs must be 1 to ${ENTITY_FACTS_BATCH} entity refs separated by commas, each at most 255 characters`,
          });
          return z.NEVER;
        }
        return [...new Set(parsed.data)];
      })
      .describe(
        `Up to ${ENTITY_FACTS_BATCH} entity refs, separated by commas. A System counts its parts too.`,
      ),
  })
  .strict();

/** The query string of `GET /entities/facts` as a client writes it. @public */
export type EntityFactsQueryInput = z.input<typeof entityFactsQuerySchema>;

/**
 * The query string of `GET /audit/exceptions`: exceptions that happened in
 * [from, to).
 *
 * @public
 */
export const auditExceptionsQuerySchema = z
  .object({
    from: queryTime('from', 'The start of the period, inclusive.'),
    to: queryTime('to', 'The end of the period, exclusive.'),
    entityRef: scopeRef.optional(),
  })
  .strict();

/** @public */
export type AuditExceptionsQueryInput = z.input<
  typeof auditExceptionsQuerySchema
>;

/**
 * The query string of `GET /audit/counts`: the changes raised in [from, to)
 * by type, the production deploys and the exceptions by kind.
 *
 * @public
 */
export const auditCountsQuerySchema = auditExceptionsQuerySchema;

/** @public */
export type AuditCountsQueryInput = z.input<typeof auditCountsQuerySchema>;

/**
 * The query string of `GET /audit/sample`: a reproducible random sample of
 * the changes deployed to production in [from, to).
 *
 * @public
 */
export const auditSampleQuerySchema = z
  .object({
    from: queryTime('from', 'The start of the period, inclusive.'),
    to: queryTime('to', 'The end of the period, exclusive.'),
    size: z.coerce
      .number({ invalid_type_error: 'size must be a number from 1 to 200' })
      .int('size must be a whole number from 1 to 200')
      .min(1, 'size must be from 1 to 200')
      .max(200, 'size must be from 1 to 200')
      .default(25)
      .describe('How many changes to draw.'),
    entityRef: scopeRef.optional(),
    seed: storable('seed', 100)
      .optional()
      .describe(
        'The same seed and period draw the same sample; a random one by default, returned in the answer.',
      ),
    format: z.enum(['json', 'zip']).default('json'),
  })
  .strict();

/** @public */
export type AuditSampleQueryInput = z.input<typeof auditSampleQuerySchema>;

/**
 * `GET /audit/evidence/:id`: one change's evidence packet, as the page an
 * auditor reads and prints (`html`, the default), or as JSON.
 *
 * @public
 */
export const auditEvidenceQuerySchema = z
  .object({
    format: z
      .enum(['html', 'json'])
      .default('html')
      .describe(
        'html: the printable page (evidence.html of the sample zip); json: the evidence as data.',
      ),
  })
  .strict();

// Issue 21, metrics.

/** The longest period `GET /metrics` answers for, in days. @public */
export const METRICS_MAX_DAYS = 400;

/** A period of the metrics: `to` after `from`, at most 400 days later. */
function checkMetricsPeriod(
  { from, to }: { from: Date; to: Date },
  ctx: z.RefinementCtx,
) {
  const days = (to.getTime() - from.getTime()) / 86_400_000;
  if (days <= 0) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['to'],
      message: 'to must be after from',
    });
  } else if (days > METRICS_MAX_DAYS) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['to'],
      message: `The period may be at most ${METRICS_MAX_DAYS} days`,
    });
  }
}

/**
 * The query string of `GET /metrics`: one entity's figures over [from, to),
 * at most {@link METRICS_MAX_DAYS} days.
 *
 * @public
 */
export const metricsQuerySchema = z
  .object({
    entityRef: scopeRef.min(1, 'entityRef is required'),
    from: queryTime('from', 'The start of the period, inclusive.'),
    to: queryTime('to', 'The end of the period, exclusive.'),
  })
  .strict()
  .superRefine(checkMetricsPeriod);

/** The query string of `GET /metrics` as a client writes it. @public */
export type MetricsQueryInput = z.input<typeof metricsQuerySchema>;

/**
 * The query string of `GET /metrics/overview`: every System's figures over
 * [from, to), at most {@link METRICS_MAX_DAYS} days.
 *
 * @public
 */
export const metricsOverviewQuerySchema = z
  .object({
    from: queryTime('from', 'The start of the period, inclusive.'),
    to: queryTime('to', 'The end of the period, exclusive.'),
  })
  .strict()
  .superRefine(checkMetricsPeriod);

/** The query string of `GET /metrics/overview` as a client writes it. @public */
export type MetricsOverviewQueryInput = z.input<
  typeof metricsOverviewQuerySchema
>;
