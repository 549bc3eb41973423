import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { Knex } from 'knex';
import { Pool } from 'pg';
import {
  AffectedEntity,
  ChangeListQuery,
  SCRIPTS,
  seedChange,
  writeHistory,
} from '@trove/backstage-plugin-change-management-backend/testUtils';
import { root } from './backend';
import {
  getByIdSql,
  listSql,
  listStatement,
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
  const statements: Record<string, Statement> = {
    ...Object.fromEntries(
      Object.entries(queries).map(([name, q]) => [name, listSql(q)]),
    ),
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

/**
 * EXPLAIN QUERY PLAN of the same queries on SQLite (in memory, the
 * migrations run, `count` changes seeded the same way, ANALYZE), which the
 * plugin also supports.
 */
export async function saveSqlitePlans(
  queries: Record<string, ChangeListQuery>,
  entities: AffectedEntity[],
  dir: string,
  count = 5000,
) {
  const db = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  try {
    await db.migrate.latest({
      directory: path.join(
        root,
        'plugins/change-management-backend/migrations',
      ),
    });
    const day = 24 * 3600_000;
    // Without their events, as the plans have always been taken (the
    // verify page's plan on SQLite reads an empty table).
    await writeHistory(
      db,
      Array.from({ length: count }, (_, i) => {
        const { change } = seedChange({
          script: SCRIPTS[i % SCRIPTS.length],
          entities: [entities[i % entities.length]],
          author: i,
          createdAt: new Date(Date.now() - ((count - i) * day) / 10),
          stepMs: 60_000,
          title: `Bench change ${i + 1}`,
        });
        return {
          change,
          entities: [entities[i % entities.length]],
          events: [],
        };
      }),
    );
    await db.raw('ANALYZE');
    const builders: Record<string, Knex.QueryBuilder> = {
      ...Object.fromEntries(
        Object.entries(queries).map(([name, q]) => [
          name,
          listStatement(q, db),
        ]),
      ),
      'get by id': getByIdSql('a', db),
      'verify page': verifyPageSql(db),
    };
    fs.mkdirSync(dir, { recursive: true });
    for (const [name, builder] of Object.entries(builders)) {
      const { sql, bindings } = builder.toSQL();
      const plan = await db.raw(`EXPLAIN QUERY PLAN ${sql}`, bindings);
      const text = plan.map((r: { detail: string }) => r.detail).join('\n');
      fs.writeFileSync(
        path.join(dir, `${slug(name)}.txt`),
        `-- ${name} (SQLite, ${count} changes)\n-- ${sql}\n\n${text}\n`,
      );
    }
  } finally {
    await db.destroy();
  }
}
