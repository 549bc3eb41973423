import { Change } from '../types';

/**
 * An emergency whose retrospective was due (deploy + 48 h) and is still not
 * documented. Exactly at the due time it is not yet overdue.
 *
 * @public
 */
export function isRetrospectiveOverdue(
  change: Pick<Change, 'retrospectiveDueAt' | 'retrospective'>,
  now: Date,
): boolean {
  return (
    !!change.retrospectiveDueAt &&
    !change.retrospective &&
    now.getTime() > Date.parse(change.retrospectiveDueAt)
  );
}
