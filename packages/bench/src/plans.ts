import fs from 'node:fs';
import path from 'node:path';
import { Pool } from 'pg';
import { ChangeListQuery } from '@trove/backstage-plugin-change-management-backend/src/database/ChangeStore';
import {
  entitiesSql,
  getByIdSql,
  listSql,
  native,
  Statement,
  verifyPageSql,
} from './load/sql';

const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * EXPLAIN (ANALYZE, BUFFERS) of each hot query on PostgreSQL, one file per
 * query with the SQL on top, so a plan can be read next to its numbers.
 */
export async function savePlans(
  pool: Pool,
  queries: Record<string, ChangeListQuery>,
  sampleId: string,
  dir: string,
) {
  fs.mkdirSync(dir, { recursive: true });
  const { rows } = await pool.query(
    'SELECT change_id FROM change_entities LIMIT 25',
  );
  const statements: Record<string, Statement> = {
    ...Object.fromEntries(
      Object.entries(queries).map(([name, q]) => [name, listSql(q)]),
    ),
    'list page entities': native(entitiesSql(rows.map(r => r.change_id))),
    'get by id': native(getByIdSql(sampleId)),
    'verify page': native(verifyPageSql()),
  };
  for (const [name, { sql, bindings }] of Object.entries(statements)) {
    const plan = await pool.query(
      `EXPLAIN (ANALYZE, BUFFERS) ${sql}`,
      bindings as unknown[],
    );
    const text = plan.rows.map(r => r['QUERY PLAN']).join('\n');
    fs.writeFileSync(
      path.join(dir, `${slug(name)}.txt`),
      `-- ${name}\n-- ${sql}\n-- ${JSON.stringify(bindings)}\n\n${text}\n`,
    );
  }
}
