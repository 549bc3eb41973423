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

/** How long the chain must stand still before a seed writes to it. */
const QUIET_MS = 2000;

/**
 * Waits until nothing has appended to the audit chain for {@link QUIET_MS}:
 * when a load of writes ends, the backend still answers the requests the
 * load had in flight, and a bulk writer that read the chain head before
 * their events would fork the chain (BulkHistoryWriter refuses to).
 */
async function chainSettled(pool: Pool, log: (message: string) => void) {
  const head = async () =>
    (await pool.query('SELECT last_hash FROM change_event_chain WHERE id = 1'))
      .rows[0]?.last_hash;
  const started = Date.now();
  let last = await head();
  let still = Date.now();
  while (Date.now() - still < QUIET_MS) {
    if (Date.now() - started > 60_000) {
      throw new Error(
        'The audit chain is still moving after 60 s: something writes to the bench database',
      );
    }
    await new Promise(resolve => setTimeout(resolve, 200));
    const now = await head();
    if (now !== last) {
      last = now;
      still = Date.now();
    }
  }
  const waited = Date.now() - started - QUIET_MS;
  if (waited > 0) log(`waited ${waited} ms for the last writes to land`);
}

/**
 * Once the chain stands still, seeds the plan on a client of the pool,
 * VACUUM ANALYZE, then judges the metrics' rollups.
 */
export async function seedWith(
  pool: Pool,
  plan: SeedPlan,
  log: (message: string) => void,
): Promise<SeedResult> {
  await chainSettled(pool, log);
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
