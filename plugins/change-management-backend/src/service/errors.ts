import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import { Refusal } from '@trove/backstage-plugin-change-management-common';
import { ZodError } from 'zod';

/** Turns a zod failure into a 400 that names each bad field. */
export function parseInput<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof ZodError) {
      const problems = error.issues.map(issue =>
        issue.path.length
          ? `${issue.path.join('.')}: ${issue.message}`
          : issue.message,
      );
      throw new InputError(`Invalid request: ${problems.join('; ')}`);
    }
    throw error;
  }
}

/** The HTTP error for a workflow refusal. */
export function refusalToError(refusal: Refusal): Error {
  switch (refusal.status) {
    case 400:
      return new InputError(refusal.message);
    case 403:
      return new NotAllowedError(refusal.message);
    default:
      return new ConflictError(refusal.message);
  }
}
