import {
  hashEvent,
  rowToEvent,
} from '@trove/backstage-plugin-change-management-backend/testUtils';
import { Pool } from 'pg';
import { Measurement } from './measure';

/** Events per read, as verification pages the chain. */
const BATCH = 5000;

/**
 * The least any verification must do, the baseline of `/audit/verify`:
 * read every event in seq order, a batch at a time, and hash it (canonical
 * JSON and sha256) with the store's own functions, without checking links
 * or replaying the changes.
 */
export async function measureHashing(
  pool: Pool,
  log: (m: string) => void,
): Promise<Measurement> {
  log('hashing baseline: every event read and hashed, no replay');
  const started = process.hrtime.bigint();
  let seq = 0;
  let events = 0;
  for (;;) {
    const { rows } = await pool.query(
      'SELECT * FROM change_events WHERE seq > $1 ORDER BY seq LIMIT $2',
      [seq, BATCH],
    );
    if (rows.length === 0) break;
    for (const row of rows) {
      const event = rowToEvent(row);
      hashEvent(event.previousHash, event);
    }
    seq = Number(rows[rows.length - 1].seq);
    events += rows.length;
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return {
    name: 'hashing baseline',
    rps: 1000 / ms,
    p50: ms,
    p99: ms,
    failures: 0,
    extra: { events, 'events/s': Math.round((events * 1000) / ms) },
  };
}
