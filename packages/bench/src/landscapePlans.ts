import fs from 'node:fs';
import path from 'node:path';
import knexFactory from 'knex';
import { Pool } from 'pg';
import {
  calendarDaysQuery,
  calendarQuery,
  metricsQuery,
  metricsRollupQuery,
} from '@trove/backstage-plugin-change-management-backend/testUtils';
import { DEFAULT_SCORE_WEIGHTS } from '@trove/backstage-plugin-change-management-common';

/**
 * EXPLAIN (ANALYZE, BUFFERS) of the SQL behind `GET /metrics` (its queries
 * on the rollups, and the four it runs on the changes for a reader with
 * conditions) and `GET /calendar` for an entity's period, as the store runs
 * them for a reader who may read everything: each statement is caught as
 * the store sends it, then explained on the bench's pool.
 */
export async function saveLandscapePlans(
  pool: Pool,
  database: string,
  period: { entityRef: string; from: Date; to: Date },
  dir: string,
) {
  const db = knexFactory({
    client: 'pg',
    connection: { host: '127.0.0.1', user: 'postgres', database },
  });
  const caught: { sql: string; bindings: unknown[] }[] = [];
  db.on('query', (q: { sql: string; bindings: unknown[] }) => caught.push(q));
  const statements: Record<string, { sql: string; bindings: unknown[] }> = {};
  try {
    await metricsQuery(db, {
      ...period,
      now: period.to,
      weights: DEFAULT_SCORE_WEIGHTS,
    });
    caught.forEach((q, i) => {
      statements[`metrics from changes query ${i + 1}`] = q;
    });
    caught.length = 0;
    await metricsRollupQuery(db, {
      ...period,
      now: period.to,
      weights: DEFAULT_SCORE_WEIGHTS,
    });
    caught.forEach((q, i) => {
      statements[`metrics query ${i + 1}`] = q;
    });
    caught.length = 0;
    await calendarQuery(db, period);
    caught.forEach((q, i) => {
      statements[`calendar query ${i + 1}`] = q;
    });
    caught.length = 0;
    // per=day: the days counted, and the planned changes not deployed.
    await calendarDaysQuery(db, period);
    await calendarQuery(db, { ...period, plannedOnly: true });
    caught.forEach((q, i) => {
      statements[`calendar per day query ${i + 1}`] = q;
    });
  } finally {
    await db.destroy();
  }
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, { sql, bindings }] of Object.entries(statements)) {
    const plan = await pool.query(
      `EXPLAIN (ANALYZE, BUFFERS) ${sql}`,
      bindings,
    );
    const text = plan.rows.map(r => r['QUERY PLAN']).join('\n');
    fs.writeFileSync(
      path.join(dir, `${name.replace(/ /g, '-')}.txt`),
      `-- ${name} (${
        period.entityRef
      }, ${period.from.toISOString()} to ${period.to.toISOString()})\n-- ${sql}\n-- ${JSON.stringify(
        bindings,
      )}\n\n${text}\n`,
    );
  }
}
