import { CHANGE_STATES, CHANGE_TYPES } from '../enums';
import { Change, ChangeState, ChangeType } from '../types';
import { transitionFor } from './transitions';

// What the SOP puts a deadline on, each asked in one place (docs/workflow.md,
// "What is owed, and when it is overdue"). The SQL forms are in the backend's
// database/overdueQuery.ts; tests/overdue.test.ts compares the two.

/**
 * An emergency that owes its retrospective: deployed, so its due time
 * (deploy + 48 h) is set, in whatever state since (verified, or rolled
 * back), and not yet documented.
 *
 * @public
 */
export function owesRetrospective(
  change: Pick<Change, 'retrospectiveDueAt' | 'retrospective'>,
): boolean {
  return !!change.retrospectiveDueAt && !change.retrospective;
}

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
    owesRetrospective(change) &&
    now.getTime() >= Date.parse(change.retrospectiveDueAt!)
  );
}

/**
 * The states in which each type waits on `verify`: deployed to production,
 * not yet verified, not rolled back. Every type, emergencies included: the
 * SOP has an emergency "deployed and verified in production" too.
 *
 * @public
 */
export const UNVERIFIED_STATES: Record<ChangeType, ChangeState[]> =
  Object.fromEntries(
    CHANGE_TYPES.map(type => [
      type,
      CHANGE_STATES.filter(state => transitionFor(type, state, 'verify')),
    ]),
  ) as Record<ChangeType, ChangeState[]>;

/**
 * A change deployed to production and not verified since (nor rolled back):
 * the verification clock runs for it, and the audit lists it as
 * `not-verified`.
 *
 * @public
 */
export function isUnverified(change: Pick<Change, 'type' | 'state'>): boolean {
  return UNVERIFIED_STATES[change.type].includes(change.state);
}
