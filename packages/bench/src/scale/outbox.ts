import assert from 'node:assert/strict';
import { Pool } from 'pg';
import { Api } from './client';

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/**
 * `count` changes raised, then submitted all at once, half on each API:
 * every submit answered 200. Returns their ids.
 */
export async function submitInParallel(
  apis: Api[],
  count: number,
): Promise<string[]> {
  const changes = await Promise.all(
    Array.from({ length: count }, (_, i) => apis[i % apis.length].create()),
  );
  const answers = await Promise.all(
    changes.map((change, i) =>
      apis[i % apis.length].act('alice', change.id, 1, 'submit'),
    ),
  );
  assert.deepEqual(
    answers.map(a => a.status),
    answers.map(() => 200),
  );
  return changes.map(c => c.id);
}

/** The review notices of these changes, by change and user, in `table`. */
export async function reviewNotices(
  notifications: Pool,
  ids: string[],
  table = 'notification',
): Promise<{ topic: string; user: string; n: number }[]> {
  const { rows } = await notifications.query(
    `SELECT topic, "user", count(*)::int AS n FROM ${table}
      WHERE topic = ANY($1) AND title LIKE 'Change waits on your review%'
      GROUP BY topic, "user"`,
    [ids.map(id => `change:${id}`)],
  );
  return rows;
}

/**
 * Waits until every change has its review notice, then a few seconds
 * more, and checks that each reached each of its users once. Returns how
 * long the first part took.
 */
export async function noticesArriveOnce(
  notifications: Pool,
  ids: string[],
  withinMs: number,
): Promise<number> {
  const from = Date.now();
  const told = async () =>
    new Set((await reviewNotices(notifications, ids)).map(r => r.topic)).size;
  while ((await told()) < ids.length) {
    if (Date.now() - from > withinMs) {
      throw new Error(
        `${await told()} of ${
          ids.length
        } review notices arrived within ${withinMs} ms`,
      );
    }
    await sleep(250);
  }
  const took = Date.now() - from;
  await sleep(3000);
  const rows = await reviewNotices(notifications, ids);
  assert.deepEqual(
    rows.filter(r => r.n !== 1),
    [],
    'each review notice reaches each user once',
  );
  assert.equal(new Set(rows.map(r => r.topic)).size, ids.length);
  return took;
}

/**
 * The notice rows of these changes' submits: one each. (The same submit
 * also writes its event and its signal, rows of their own kinds.)
 */
export async function outboxRows(pool: Pool, ids: string[]) {
  const { rows } = await pool.query(
    `SELECT o.attempts, o.delivered_at, o.last_error
       FROM change_outbox o JOIN change_events e ON e.id = o.event_id
      WHERE e.change_id = ANY($1) AND e.action = 'submit'
        AND o.kind = 'action-notices'`,
    [ids],
  );
  return rows as {
    attempts: number;
    delivered_at: Date | null;
    last_error: string | null;
  }[];
}

/**
 * How long the rows of the actions committed since `since` waited between
 * the commit and their delivery, in ms: p50, p99, max, and how many are
 * not delivered yet. The commit is PostgreSQL's commit timestamp
 * (track_commit_timestamp) of the transaction that wrote the row's event,
 * which no later write touches. `queued` is the same from the row's
 * created_at, the action's time taken before its transaction, so that it
 * also counts the wait for the chain's lock under the load.
 */
export async function outboxLatency(pool: Pool, since: Date) {
  const { rows } = await pool.query(
    `SELECT count(*)::int AS n,
            count(*) FILTER (WHERE delivered_at IS NULL)::int AS undelivered,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50,
            percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99,
            max(ms) AS max,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY queued) AS queued_p50
       FROM (SELECT o.delivered_at,
                    extract(epoch FROM o.delivered_at
                      - pg_xact_commit_timestamp(e.xmin)) * 1000 AS ms,
                    extract(epoch FROM o.delivered_at - o.created_at)
                      * 1000 AS queued
               FROM change_outbox o JOIN change_events e ON e.id = o.event_id
              WHERE o.created_at >= $1) rows`,
    [since],
  );
  const { rows: kinds } = await pool.query(
    `SELECT kind, percentile_cont(0.5) WITHIN GROUP (ORDER BY
              extract(epoch FROM o.delivered_at
                - pg_xact_commit_timestamp(e.xmin)) * 1000) AS p50
       FROM change_outbox o JOIN change_events e ON e.id = o.event_id
      WHERE o.created_at >= $1 GROUP BY kind ORDER BY kind`,
    [since],
  );
  const [row] = rows;
  return {
    p50ByKind: Object.fromEntries(kinds.map(k => [k.kind, Math.round(k.p50)])),
    rows: row.n as number,
    undelivered: row.undelivered as number,
    p50: Math.round(row.p50),
    p99: Math.round(row.p99),
    max: Math.round(row.max),
    fromRequestP50: Math.round(row.queued_p50),
  };
}

/**
 * The notifications backend fails every send for 30 s (its table renamed
 * away, as if its database were gone), while 10 changes are submitted:
 * none is sent meanwhile, each is being retried, and each arrives once
 * after it is back.
 */
export async function notificationsDown(
  apis: Api[],
  pool: Pool,
  notifications: Pool,
  log: (message: string) => void,
) {
  await notifications.query(
    'ALTER TABLE notification RENAME TO notification_away',
  );
  let ids: string[];
  try {
    ids = await submitInParallel(apis, 10);
    await sleep(30_000);
    assert.deepEqual(
      await reviewNotices(notifications, ids, 'notification_away'),
      [],
    );
    const failing = await outboxRows(pool, ids);
    assert.ok(
      failing.every(r => !r.delivered_at && r.attempts > 1 && r.last_error),
      JSON.stringify(failing),
    );
    log(`  10 submits, none sent in 30 s: ${failing[0].last_error}`);
  } finally {
    await notifications.query(
      'ALTER TABLE notification_away RENAME TO notification',
    );
  }
  const took = await noticesArriveOnce(notifications, ids, 60_000);
  log(`  all 10 review notices arrived once, ${took} ms after it returned`);
}
