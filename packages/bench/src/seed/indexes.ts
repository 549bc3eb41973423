import { PoolClient } from 'pg';

/**
 * Runs a bulk load with the tables' secondary indexes dropped, then builds
 * them again from their saved definitions, as a restore does: one sorted
 * build per index instead of millions of random inserts into each (the
 * change ids are random UUIDs). Indexes behind a constraint (primary keys,
 * unique ids) stay, so the load still refuses a duplicate.
 */
export async function withoutIndexes<T>(
  client: PoolClient,
  tables: readonly string[],
  load: () => Promise<T>,
  progress: (message: string) => void,
): Promise<T> {
  const { rows } = await client.query<{ name: string; definition: string }>(
    `SELECT i.indexrelid::regclass::text AS name,
            pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i
      WHERE i.indrelid = ANY($1::regclass[])
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                         WHERE c.conindid = i.indexrelid)`,
    [tables],
  );
  for (const { name } of rows) await client.query(`DROP INDEX ${name}`);
  const result = await load();
  const started = Date.now();
  // The build may use more memory than a query; it is one session's.
  await client.query(`SET maintenance_work_mem = '512MB'`);
  for (const { definition } of rows) await client.query(definition);
  await client.query('RESET maintenance_work_mem');
  progress(
    `built ${rows.length} indexes again in ${(
      (Date.now() - started) /
      1000
    ).toFixed(1)} s`,
  );
  return result;
}
