import { EngineerScope } from '@trove/backstage-plugin-change-management-common';
import { Knex } from 'knex';

/**
 * The SQL form of `ownsAffectedEntity` (-common): the change affects an
 * entity owned by one of `claims`, by the owner recorded beside each
 * affected entity.
 */
export function ownsAffectedEntityQuery(
  db: Knex,
  q: Knex.QueryBuilder,
  claims: string[],
) {
  q.whereExists(
    db('change_entities')
      .select(db.raw('1'))
      .whereRaw('change_entities.change_id = changes.id')
      .whereIn('owner_ref', claims),
  );
}

/**
 * The SQL form of `isEngineerFor` (-common): the changes a person with this
 * scope is an engineer for. The two are compared on every sample user and
 * entity by tests/engineers.test.ts.
 */
export function engineerOfQuery(
  db: Knex,
  q: Knex.QueryBuilder,
  scope: EngineerScope,
) {
  if (scope === 'none') {
    q.whereRaw('1 = 0');
  } else if (scope !== 'any') {
    ownsAffectedEntityQuery(db, q, scope);
  }
}
