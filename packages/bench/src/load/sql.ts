import knexFactory, { Knex } from 'knex';
import { Pool } from 'pg';
import {
  applyListQuery,
  ChangeListQuery,
} from '@trove/backstage-plugin-change-management-backend/testUtils';

/** A statement as the store sends it to PostgreSQL. */
export interface Statement {
  sql: string;
  bindings: readonly unknown[];
}

// A knex without a connection, only to write the store's SQL.
const pg = knexFactory({ client: 'pg' });

function native(q: Knex.QueryBuilder): Statement {
  const { sql, bindings } = q.toSQL().toNative();
  return { sql, bindings };
}

/** The list query of `ChangeStore.listChanges` (one row more than a page). */
export function listStatement(query: ChangeListQuery, db: Knex = pg) {
  return applyListQuery(db, db('changes'), query).limit(query.limit + 1);
}

export const listSql = (query: ChangeListQuery) => native(listStatement(query));

/** What `listChanges` then reads: the affected entities of the page. */
export const entitiesSql = (ids: string[], db: Knex = pg) =>
  db('change_entities').whereIn('change_id', ids);

/** The page of events `verifyEventChain` reads. */
export const verifyPageSql = (db: Knex = pg) =>
  db('change_events').where('seq', '>', 0).orderBy('seq', 'asc').limit(1000);

export const getByIdSql = (id: string, db: Knex = pg) =>
  db('changes').where({ id }).first();

/** One list request as the store runs it: the page, then its entities. */
export async function runList(pool: Pool, query: ChangeListQuery) {
  const list = listSql(query);
  const { rows } = await pool.query(list.sql, list.bindings as unknown[]);
  const ids = rows.slice(0, query.limit).map(r => r.id);
  if (ids.length) {
    const entities = native(entitiesSql(ids));
    await pool.query(entities.sql, entities.bindings as unknown[]);
  }
  return rows.length;
}

export { native };
