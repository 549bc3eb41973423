import { z } from 'zod';
import { CHANGE_TYPES } from './enums';
import { countsOf, isoTime } from './fields';
import { queryTime, scopeRef } from './queries';
import { changeStateSchema, changeTypeSchema } from './types';
import { windowWarningSchema } from './workflow/windowWarnings';
import { changeRiskSchema } from './workflow/changeRisk';
import { changeDraftSchema } from './schemas';

// The change landscape (issue 21): planned windows' warnings, conflicts,
// the calendar and the next free slot, on the wire. The judges are in
// workflow/plannedWindow.ts and workflow/windowWarnings.ts.

/**
 * What collides with a change's planned window: another open change, or a
 * freeze or blackout window (then `id` and `state` are null and the times
 * are the window's).
 *
 * @public
 */
export const conflictSchema = z
  .object({
    id: z
      .string()
      .uuid()
      .nullable()
      .describe('The other change; null for a freeze or blackout window.'),
    title: z.string().describe('The change, or the window in words.'),
    // A union, not .nullable(): OpenAPI would make the state component
    // and null an allOf, which null fails.
    state: z
      .union([changeStateSchema, z.null()])
      .describe('The other change; null for a window.'),
    plannedStart: isoTime('Inclusive.'),
    plannedEnd: isoTime('Exclusive.'),
    reason: z
      .enum(['same-entity', 'same-system', 'dependency', 'freeze', 'blackout'])
      .describe(
        'Same entity, same System, one dependsOn/dependencyOf hop away, or a window that holds a standard or infrastructure change back.',
      ),
  })
  .strict();

/** @public */
export type Conflict = z.infer<typeof conflictSchema>;

/** The conflicts of a planned window, and its warnings. @public */
export const conflictListSchema = z
  .object({
    conflicts: z.array(conflictSchema),
    windowWarnings: z.array(windowWarningSchema),
  })
  .strict();

/** @public */
export type ConflictList = z.infer<typeof conflictListSchema>;

/** One or more entity refs, as `entityRef=a&entityRef=b` or `a,b`. */
const entityRefList = z
  .union([z.string(), z.array(z.string())], {
    required_error: 'entityRef is required',
  })
  .transform((value, ctx) => {
    const refs = (Array.isArray(value) ? value : [value]).flatMap(v =>
      v.split(','),
    );
    const parsed = z.array(scopeRef.min(1)).min(1).max(50).safeParse(refs);
    if (!parsed.success) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message:
          'entityRef must be 1 to 50 entity refs, repeated or separated by commas, each at most 255 characters',
      });
      return z.NEVER;
    }
    return [...new Set(parsed.data)];
  })
  .describe('The affected entities: repeat it, or separate refs by commas.');

/** The query string of `GET /conflicts`: a window before the change exists. @public */
export const conflictsQuerySchema = z
  .object({
    entityRef: entityRefList,
    plannedStart: queryTime('plannedStart', 'The planned start, inclusive.'),
    plannedEnd: queryTime('plannedEnd', 'The planned end, exclusive.'),
    type: changeTypeSchema,
    excludeId: z
      .string()
      .uuid('excludeId must be the id of a change (a UUID)')
      .optional()
      .describe('A change to leave out: the one being edited.'),
  })
  .strict()
  .refine(q => q.plannedEnd > q.plannedStart, {
    message: 'plannedEnd must be after plannedStart',
    path: ['plannedEnd'],
  });

/**
 * The query string of `GET /risk`: the draft's risk as the server would
 * assess it on a save, before the change exists (issue 24). The window is
 * optional, as on the draft.
 *
 * @public
 */
export const riskPreviewQuerySchema = z
  .object({
    entityRef: entityRefList,
    type: changeTypeSchema,
    plannedStart: queryTime(
      'plannedStart',
      'The planned start, inclusive; with plannedEnd.',
    ).optional(),
    plannedEnd: queryTime(
      'plannedEnd',
      'The planned end, exclusive; with plannedStart.',
    ).optional(),
    pullRequestUrl: changeDraftSchema.shape.pullRequestUrl,
    excludeId: z
      .string()
      .uuid('excludeId must be the id of a change (a UUID)')
      .optional()
      .describe('The draft being edited: left out of its own conflicts.'),
  })
  .strict()
  .superRefine((q, ctx) => {
    const issue = (message: string) =>
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message,
        path: ['plannedEnd'],
      });
    if (!q.plannedStart !== !q.plannedEnd) {
      issue('plannedStart and plannedEnd go together: give both or neither');
    } else if (
      q.plannedStart &&
      q.plannedEnd &&
      q.plannedEnd <= q.plannedStart
    ) {
      issue('plannedEnd must be after plannedStart');
    }
  });

/** What `GET /risk` answers. @public */
export const riskPreviewSchema = z
  .object({
    risk: changeRiskSchema
      .optional()
      .describe('Absent when config changeManagement.risk.enabled is false.'),
  })
  .strict();

/** @public */
export type RiskPreview = z.infer<typeof riskPreviewSchema>;

/** The longest period one calendar request covers. @public */
export const CALENDAR_MAX_DAYS = 400;

/** The query string of `GET /calendar`. @public */
export const calendarQuerySchema = z
  .object({
    from: queryTime('from', 'The start of the period, inclusive.'),
    to: queryTime(
      'to',
      `The end of the period, exclusive; at most ${CALENDAR_MAX_DAYS} days after from (a longer period is cut).`,
    ),
    entityRef: scopeRef.optional(),
    type: changeTypeSchema.optional(),
    per: z
      .enum(['day'])
      .optional()
      .describe(
        'day: count the deployed changes per UTC day in `days`, and list only the planned changes not yet deployed in `changes` (a long period of a busy System holds too many deploys to list each).',
      ),
  })
  .strict()
  .refine(q => q.to > q.from, {
    message: 'to must be after from',
    path: ['to'],
  });

/** A freeze or blackout window, shaded on the calendar. @public */
export const calendarWindowSchema = z
  .object({
    kind: z.enum(['freeze', 'blackout', 'lockdown']),
    start: isoTime('Inclusive.'),
    end: isoTime('Exclusive.'),
    title: z.string(),
    entityRef: z
      .string()
      .optional()
      .describe(
        'A blackout or a lockdown: the System or Domain it is declared on (a lockdown of everything has none).',
      ),
  })
  .strict();

/** A change on the calendar. @public */
export const calendarChangeSchema = z
  .object({
    id: z.string().uuid(),
    title: z.string(),
    type: changeTypeSchema,
    state: changeStateSchema,
    entityRefs: z.array(z.string()).describe('The affected entities.'),
    plannedStart: isoTime('Inclusive.').optional(),
    plannedEnd: isoTime('Exclusive.').optional(),
    deployedAt: isoTime('The production deploy.').optional(),
    emergency: z.boolean(),
  })
  .strict();

/** The changes deployed to production on one UTC day, by type. @public */
export const calendarDaySchema = z
  .object({
    day: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .describe('The UTC day, yyyy-mm-dd (only its part inside the period).'),
    deployed: countsOf(CHANGE_TYPES),
  })
  .strict();

/** @public */
export type CalendarDay = z.infer<typeof calendarDaySchema>;

/** @public */
export const calendarSchema = z
  .object({
    from: isoTime('The start of the period, inclusive.'),
    to: isoTime('The end of the period, exclusive (cut to 400 days).'),
    windows: z.array(calendarWindowSchema),
    changes: z
      .array(calendarChangeSchema)
      .describe(
        'Changes the caller may read, planned in the period or deployed to production in it; with per=day, only those planned in it and not deployed.',
      ),
    days: z
      .array(calendarDaySchema)
      .optional()
      .describe(
        'With per=day: each UTC day of the period on which a change the caller may read was deployed, soonest first.',
      ),
  })
  .strict();

/** @public */
export type Calendar = z.infer<typeof calendarSchema>;

/** How far ahead the next free slot is looked for. @public */
export const FREE_SLOT_HORIZON_DAYS = 90;

/** The query string of `GET /free-slot`. @public */
export const freeSlotQuerySchema = z
  .object({
    entityRef: entityRefList,
    durationMinutes: z
      .string({ required_error: 'durationMinutes is required' })
      .regex(/^\d+$/, 'durationMinutes must be a whole number of minutes')
      .transform(Number)
      .refine(
        n => n >= 1 && n <= 7 * 24 * 60,
        'durationMinutes must be from 1 to 10080 (a week)',
      ),
    earliestStart: queryTime('earliestStart', 'The earliest start.'),
    type: changeTypeSchema,
    excludeId: z
      .string()
      .uuid('excludeId must be the id of a change (a UUID)')
      .optional()
      .describe('A change to leave out: the one being planned.'),
  })
  .strict();

/** The next free slot, or why there is none. @public */
export const freeSlotSchema = z
  .object({
    start: isoTime('Inclusive.').nullable(),
    end: isoTime('Exclusive.').nullable(),
    reason: z
      .string()
      .optional()
      .describe('Why there is no slot, when start and end are null.'),
  })
  .strict();

/** @public */
export type FreeSlot = z.infer<typeof freeSlotSchema>;
