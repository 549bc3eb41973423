import { Change } from '../types';

/**
 * An emergency whose retrospective was due (deploy + 48 h) and is still not
 * documented. It is overdue from the due time itself, the instant the
 * plugin's clock escalates it to the CTO, and a retrospective documented
 * from then on is late.
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
    now.getTime() >= Date.parse(change.retrospectiveDueAt)
  );
}
