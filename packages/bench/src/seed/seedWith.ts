import { Pool } from 'pg';
import { seed, SeedPlan, SeedResult } from './seed';

/** Seeds the plan on a client of the pool, then VACUUM ANALYZE. */
export async function seedWith(
  pool: Pool,
  plan: SeedPlan,
  log: (message: string) => void,
): Promise<SeedResult> {
  const client = await pool.connect();
  try {
    const seeded = await seed(client, plan, log);
    log(
      `seeded ${seeded.changes} changes in ${seeded.seconds.toFixed(
        1,
      )} s; VACUUM ANALYZE`,
    );
    await client.query(
      'VACUUM ANALYZE changes, change_entities, change_events',
    );
    return seeded;
  } finally {
    client.release();
  }
}
