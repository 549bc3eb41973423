import type { ZodIssue } from 'zod';
import {
  Blackout,
  blackoutSchema,
  BLACKOUTS_ANNOTATION,
  UNTIL_FIXED,
} from './blackouts';

/**
 * One entry of the annotation: a blackout of the entity it is on. zod runs
 * the refinement even when a time is invalid (NaN), which is named already,
 * so only two valid times in the wrong order are refused here.
 */
const entrySchema = blackoutSchema
  .omit({ entityRef: true })
  .refine(b => !(Date.parse(b.start) >= Date.parse(b.end)), {
    message: 'must be after start',
    path: ['end'],
  });

/** A blackout as the annotation declares it, without its entity. @public */
export type AnnotatedBlackout = Omit<Blackout, 'entityRef'>;

/**
 * The `trove.io/change-blackouts` annotation read entry by entry: the
 * entries that are blackouts, and what is wrong with the rest, in words
 * ("entry 2: end: must be after start"). A bad entry never hides a
 * good one. The catalog module reports the problems on the entity; the
 * backend enforces the blackouts and, while there are problems, holds the
 * entity's production deploys (unreadableAnnotation).
 *
 * @public
 */
export function parseBlackoutsAnnotation(raw: string): {
  blackouts: AnnotatedBlackout[];
  problems: string[];
} {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    return {
      blackouts: [],
      problems: [`it is not JSON (${(error as Error).message})`],
    };
  }
  if (!Array.isArray(value)) {
    return {
      blackouts: [],
      problems: ['it is not a JSON array of { "start", "end", "reason" }'],
    };
  }
  const blackouts: AnnotatedBlackout[] = [];
  const problems: string[] = [];
  value.forEach((entry, index) => {
    const parsed = entrySchema.safeParse(entry);
    if (parsed.success) {
      blackouts.push(parsed.data);
      return;
    }
    problems.push(
      `entry ${index + 1}: ${parsed.error.issues
        .map(describeIssue)
        .join(', ')}`,
    );
  });
  return { blackouts, problems };
}

/**
 * What an annotation that cannot be read (wholly or in part) does: it fails
 * closed, as a blackout of its entity that holds from always until the
 * annotation is fixed, named with the problems. It goes through the one
 * deploy verdict like any blackout, so an emergency overrides it and the
 * override is recorded.
 *
 * @public
 */
export function unreadableAnnotation(
  entityRef: string,
  problems: string[],
): Blackout {
  return {
    entityRef,
    start: '1970-01-01T00:00:00.000Z',
    end: UNTIL_FIXED,
    reason: `the ${BLACKOUTS_ANNOTATION} annotation of ${entityRef} cannot be read (${problems.join(
      '; ',
    )})`,
  };
}

/** One of zod's issues in words: "start: Invalid datetime", "unknown field 'note'". */
function describeIssue(issue: ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map(key => `unknown field '${key}'`).join(', ');
  }
  return issue.path.length
    ? `${issue.path.join('.')}: ${issue.message}`
    : issue.message;
}
