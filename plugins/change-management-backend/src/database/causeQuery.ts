import { CAUSE_NOT_CLAIMED_STATES } from '@trove/backstage-plugin-change-management-common';
import { Knex } from 'knex';

// The SQL forms of claimsCause and incidentCauses (-common,
// workflow/changeFailure.ts): the emergencies that name the change that
// caused their incident. Read from every change, whoever may read it, as
// the function is.

/** `claimsCause`, on the table as `alias`. */
function claimingCause(db: Knex, alias: string) {
  return db({ [alias]: 'changes' })
    .where(`${alias}.type`, 'emergency')
    .whereNotNull(`${alias}.caused_by`)
    .whereNotIn(`${alias}.state`, CAUSE_NOT_CLAIMED_STATES);
}

/** Whether an emergency names the row of `changes` as its cause. */
export function namedAsCauseQuery(db: Knex, q: Knex.QueryBuilder) {
  q.whereExists(
    claimingCause(db, 'claim')
      .select(db.raw('1'))
      .whereRaw('claim.caused_by = changes.id'),
  );
}

/**
 * `incidentCauses`: each named change (`caused_by`) with the worst severity
 * naming it (`severity`; P1 sorts before P2, and a missing one is skipped).
 */
export function incidentCausesQuery(db: Knex): Knex.QueryBuilder {
  return claimingCause(db, 'claim')
    .groupBy('claim.caused_by')
    .select({ caused_by: 'claim.caused_by' })
    .min({ severity: 'claim.incident_severity' });
}
