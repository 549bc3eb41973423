import knexFactory, { Knex } from 'knex';
import { Pool } from 'pg';
import {
  changeByIdQuery,
  ChangeListQuery,
  listPageQuery,
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

/**
 * The one query of `ChangeStore.listChanges`: a page (and one row more)
 * with each change's entities and sent-back reason.
 */
export function listStatement(query: ChangeListQuery, db: Knex = pg) {
  return listPageQuery(db, query);
}

export const listSql = (query: ChangeListQuery) => native(listStatement(query));

/** The page of events `verifyEventChain` reads. */
export const verifyPageSql = (db: Knex = pg) =>
  db('change_events').where('seq', '>', 0).orderBy('seq', 'asc').limit(1000);

/** The one query of a change by id, with its entities. */
export const getByIdSql = (id: string, db: Knex = pg) =>
  changeByIdQuery(db, id);

/** One list request as the store runs it. */
export async function runList(pool: Pool, query: ChangeListQuery) {
  const list = listSql(query);
  const { rows } = await pool.query(list.sql, list.bindings as unknown[]);
  return rows.length;
}

export { native };
