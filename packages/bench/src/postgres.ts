import { Client, Pool } from 'pg';

const server = (port = 5432) => ({ host: '127.0.0.1', port, user: 'postgres' });

/** The databases of one bench backend: `<prefix><pluginId>`. */
export async function dropDatabases(
  prefix: string,
  port?: number,
): Promise<string[]> {
  const admin = new Client({ ...server(port), database: 'postgres' });
  await admin.connect();
  try {
    const { rows } = await admin.query(
      'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
      [prefix],
    );
    for (const { datname } of rows) {
      await admin.query(`DROP DATABASE "${datname}" WITH (FORCE)`);
    }
    return rows.map(r => r.datname);
  } finally {
    await admin.end();
  }
}

/** A pool on the plugin's own database. */
export function pluginPool(
  prefix: string,
  max = 8,
  port?: number,
  pluginId = 'change-management',
): Pool {
  const pool = new Pool({
    ...server(port),
    database: `${prefix}${pluginId}`,
    max,
  });
  // An idle connection dies when the server restarts (the scale test does
  // that on purpose); the pool replaces it on the next query.
  pool.on('error', () => {});
  return pool;
}
