import { z } from 'zod';
import { isoTime } from './fields';
import { changeStateSchema, changeTypeSchema } from './enums';

// ---------------------------------------------------------------------------
// Calendar (issue 21, item 4): the answer of GET /calendar
// ---------------------------------------------------------------------------

/**
 * A freeze or a blackout in the period, as the calendar shades it.
 *
 * @public
 */
export const calendarWindowSchema = z
  .object({
    kind: z.enum(['freeze', 'blackout']),
    start: isoTime('Inclusive.'),
    end: isoTime('Exclusive.'),
    title: z.string().describe('What people read, e.g. "Peak-season freeze".'),
    entityRef: z
      .string()
      .optional()
      .describe('A blackout: the entity whose blackout it is.'),
  })
  .strict();

/**
 * A change in the period: planned (its window) or deployed (its production
 * deploy), or both.
 *
 * @public
 */
export const calendarChangeSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    type: changeTypeSchema,
    state: changeStateSchema,
    entityRefs: z.array(z.string()),
    plannedStart: isoTime('The start of its planned window.').optional(),
    plannedEnd: isoTime('The end of its planned window.').optional(),
    deployedAt: isoTime('When it was deployed to production.').optional(),
    emergency: z.boolean(),
  })
  .strict();

/**
 * The answer of `GET /calendar`.
 *
 * @public
 */
export const calendarSchema = z
  .object({
    from: isoTime('The start of the period, inclusive.'),
    to: isoTime('The end of the period, exclusive.'),
    windows: z.array(calendarWindowSchema),
    changes: z.array(calendarChangeSchema),
  })
  .strict();

/** @public */
export type Calendar = z.infer<typeof calendarSchema>;
