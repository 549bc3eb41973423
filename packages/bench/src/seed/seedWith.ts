import knexFactory from 'knex';
import { Pool } from 'pg';
import { refreshMetricRollups } from '@trove/backstage-plugin-change-management-backend/testUtils';
import { seed, SeedPlan, SeedResult } from './seed';

/**
 * The metrics' rollups of the seeded changes, which the loader only marked:
 * judged here, as a backend would before its first read, with progress.
 */
async function judgeSeeded(pool: Pool, log: (message: string) => void) {
  const db = knexFactory({ client: 'pg', connection: pool.options as any });
  const started = Date.now();
  let lastReport = started;
  try {
    const judged = await refreshMetricRollups(db, (done, total) => {
      if (Date.now() - lastReport < 3000) return;
      lastReport = Date.now();
      log(
        `metrics rollups: judged ${done.toLocaleString(
          'en',
        )} / ${total.toLocaleString('en')} deployed changes`,
      );
    });
    log(
      `metrics rollups: judged ${judged.toLocaleString('en')} changes in ${(
        (Date.now() - started) /
        1000
      ).toFixed(1)} s`,
    );
  } finally {
    await db.destroy();
  }
}

/**
 * Seeds the plan on a client of the pool, VACUUM ANALYZE, then judges the
 * metrics' rollups.
 */
export async function seedWith(
  pool: Pool,
  plan: SeedPlan,
  log: (message: string) => void,
): Promise<SeedResult> {
  const client = await pool.connect();
  try {
    const seeded = await seed(client, plan, log);
    log(`seeded ${seeded.changes} changes in ${seeded.seconds.toFixed(1)} s`);
    log('VACUUM ANALYZE');
    await client.query(
      'VACUUM ANALYZE changes, change_entities, change_events',
    );
    // After the statistics: the judges' plans need them.
    await judgeSeeded(pool, log);
    // The marks the judging deleted too, as autovacuum does within a minute
    // (migration 20261231010000): left, each read's check scans them.
    await client.query(
      'VACUUM ANALYZE change_metrics_dirty, change_metric_rows, change_metric_days, change_metric_buckets, change_metric_weeks, change_metric_week_buckets',
    );
    return seeded;
  } finally {
    client.release();
  }
}
