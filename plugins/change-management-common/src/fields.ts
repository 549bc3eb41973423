import { z } from 'zod';

// Builders for the fields people type, each refusing with a message that
// names the field the way the form labels it.

/**
 * Text both databases store as sent: well-formed UTF-16 (no lone surrogate,
 * which would be stored as U+FFFD) and no NUL, which PostgreSQL refuses in
 * text.
 */
const STORABLE = /^(?:[^\0\ud800-\udfff]|[\ud800-\udbff][\udc00-\udfff])*$/;

/** A string that is storable text of at most `max` characters. */
export const storable = (label: string, max: number) =>
  z
    .string({
      required_error: `${label} is required`,
      invalid_type_error: `${label} must be text`,
    })
    .max(max, `${label} must be at most ${max} characters`)
    .regex(
      STORABLE,
      `${label} must be valid Unicode text without NUL characters`,
    );

/** Text of at most `max` characters; may be blank. */
export const text = (label: string, max = 20000) => storable(label, max);

/** Text that must not be blank. */
export const requiredText = (label: string, max = 20000) =>
  text(label, max).refine(s => s.trim().length > 0, `${label} is required`);

/** Text that may be left out. */
export const optionalText = (label: string, max = 20000) =>
  storable(label, max).optional();

/** A checkbox: true or false, never left out. */
export const flag = (label: string) =>
  z.boolean({
    required_error: `${label} is required (true or false)`,
    invalid_type_error: `${label} must be true or false`,
  });

/** An ISO 8601 time as the server writes it. */
export const isoTime = (description: string) =>
  z.string().datetime({ offset: true }).describe(description);

/**
 * A time a person plans, stored as the server writes times: any ISO 8601
 * time with an offset, read as its instant and written back in UTC with
 * milliseconds, so the event records what the row reads back.
 */
export const plannedTime = (label: string) =>
  z
    .string({ invalid_type_error: `${label} must be an ISO 8601 time` })
    .datetime({
      offset: true,
      message: `${label} must be an ISO 8601 time with a zone, like 2026-06-10T09:00:00Z`,
    })
    // The databases store 1970 to 9999 (TIME_RANGE of queries.ts).
    // A value that is no time is named above already.
    .refine(
      value =>
        Number.isNaN(Date.parse(value)) ||
        (Date.parse(value) >= 0 && Date.parse(value) < 253402300800000),
      `${label} must be from 1970 to 9999`,
    )
    .transform(value => new Date(value).toISOString());

/** A count for each of these keys, every key present. */
export const countsOf = <K extends string>(keys: readonly K[]) =>
  z
    .object(
      Object.fromEntries(keys.map(key => [key, z.number().int()])) as Record<
        K,
        z.ZodNumber
      >,
    )
    .strict();
