import {
  CHANGE_TYPES,
  ChangeState,
  ChangeType,
  UNVERIFIED_STATES,
} from '@trove/backstage-plugin-change-management-common';
import { Knex } from 'knex';

// The SQL forms of the deadline predicates in -common's workflow/overdue.ts,
// on a query over `changes`. tests/overdue.test.ts runs each against its
// function on every combination of type, state and record.

/** `owesRetrospective`: an emergency deployed, its retrospective undocumented. */
export function owesRetrospectiveQuery(q: Knex.QueryBuilder) {
  q.whereNotNull('retrospective_due_at').whereNull('retrospective_at');
}

/** `isRetrospectiveOverdue`: owed, and due at or before `now`. */
export function retrospectiveOverdueQuery(q: Knex.QueryBuilder, now: Date) {
  owesRetrospectiveQuery(q);
  q.where('retrospective_due_at', '<=', now);
}

/**
 * The types that wait on `verify` in the same states, grouped: today one
 * group, `deployed` for every type.
 */
const UNVERIFIED_GROUPS = (() => {
  const groups = new Map<
    string,
    { states: ChangeState[]; types: ChangeType[] }
  >();
  for (const type of CHANGE_TYPES) {
    const states = UNVERIFIED_STATES[type];
    if (states.length === 0) continue;
    const key = states.join(',');
    const group = groups.get(key) ?? { states, types: [] };
    group.types.push(type);
    groups.set(key, group);
  }
  return [...groups.values()];
})();

/**
 * `isUnverified`: in a state that waits on `verify` for its type. When every
 * type shares those states, a condition on `state` alone, which
 * changes_deployed_idx (state, deployed_at) serves.
 */
export function unverifiedQuery(q: Knex.QueryBuilder) {
  const [only] = UNVERIFIED_GROUPS;
  if (
    UNVERIFIED_GROUPS.length === 1 &&
    only.types.length === CHANGE_TYPES.length
  ) {
    q.whereIn('state', only.states);
    return;
  }
  q.where(any => {
    for (const { states, types } of UNVERIFIED_GROUPS) {
      any.orWhere(one => one.whereIn('type', types).whereIn('state', states));
    }
    // No type waits on verify: nothing is unverified.
    if (UNVERIFIED_GROUPS.length === 0) any.whereRaw('1 = 0');
  });
}
