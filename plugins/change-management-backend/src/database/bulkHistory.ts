import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import { appendEvent, hashedEvent } from './appendEvent';
import { AffectedEntity, NewChangeEvent, StoredChange } from './ChangeStore';
import { countDeploysStatement } from './deployDays';
import { markDeployedStatement } from './metricRollups';
import { hashEvent } from './eventChain';
import {
  changeToRow,
  deployedPullRequestColumn,
  entityToRow,
  eventToRow,
} from './rows';

/** A change as the store holds it after its actions, with its events. */
export interface HistoryEntry {
  change: StoredChange;
  entities: AffectedEntity[];
  /** Oldest first; they are appended to the chain in this order. */
  events: NewChangeEvent[];
}

/** The part of a `pg` client (a `Client` or a `PoolClient`) the writer uses. */
export interface SqlClient {
  query(text: string, values?: unknown[]): Promise<{ rows: any[] }>;
}

/** The tables a history is written to, parents first. */
export const HISTORY_TABLES = [
  'changes',
  'change_entities',
  'change_events',
] as const;
type Table = (typeof HISTORY_TABLES)[number];
type Row = Record<string, unknown>;

/** Adds the batch's changes ($1, their ids) to change_deploy_days. */
const COUNT_DEPLOYS_OF_BATCH = countDeploysStatement(
  id => `${id} = ANY($1::text[])`,
);
/** Marks the batch's deployed changes ($1) for the metrics' rollups. */
const MARK_DEPLOYS_OF_BATCH = markDeployedStatement(
  id => `${id} = ANY($1::text[])`,
);

/**
 * Writes changes and their events in bulk to a migrated PostgreSQL
 * database, for load tests and measurements: per flush one
 * `INSERT ... SELECT FROM unnest(...)` per table, in one transaction that
 * also moves the chain head. The rows are the store's own (`changeToRow`,
 * `entityToRow`, `eventToRow`), and each event is hashed onto the chain as
 * `appendEvent` hashes it, so `GET /audit/verify` checks them like any
 * other. Nothing else may write to the database while it loads.
 */
export class BulkHistoryWriter {
  private rows = BulkHistoryWriter.empty();

  /** Reads the tables' columns and the chain head to go on from. */
  static async open(client: SqlClient): Promise<BulkHistoryWriter> {
    const types = new Map<Table, [string, string][]>();
    for (const table of HISTORY_TABLES) {
      const { rows } = await client.query(
        `SELECT attname, format_type(atttypid, atttypmod) AS type
           FROM pg_attribute
          WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped
          ORDER BY attnum`,
        [table],
      );
      types.set(
        table,
        rows.map(r => [r.attname, r.type]),
      );
    }
    const head = await client.query(
      'SELECT last_hash FROM change_event_chain WHERE id = 1',
    );
    const seq = await client.query(
      'SELECT coalesce(max(seq), 0) AS seq FROM change_events',
    );
    return new BulkHistoryWriter(
      client,
      types,
      head.rows[0].last_hash,
      Number(seq.rows[0].seq),
    );
  }

  /** The newest event written, which the chain head names. */
  private lastEventId: string | undefined;

  /** The chain head as the last flush left it (or as it was opened). */
  private headHash: string;

  private constructor(
    private readonly client: SqlClient,
    private readonly columns: Map<Table, [string, string][]>,
    private lastHash: string,
    private seq: number,
  ) {
    this.headHash = lastHash;
  }

  private static empty(): Record<Table, Row[]> {
    return { changes: [], change_entities: [], change_events: [] };
  }

  /** Queues a change, its entities and its events (hashed onto the chain). */
  add({ change, entities, events }: HistoryEntry) {
    for (const entity of entities) {
      this.rows.change_entities.push(entityToRow(change, entity));
    }
    const stored = events.map(event => {
      const hashed = hashedEvent(change.id, event, randomUUID());
      const hash = hashEvent(this.lastHash, hashed);
      this.seq += 1;
      this.rows.change_events.push({
        seq: this.seq,
        ...eventToRow(hashed, event.at),
        previous_hash: this.lastHash,
        hash,
      });
      this.lastHash = hash;
      this.lastEventId = hashed.id;
      return hashed;
    });
    // The replica mode of flush() skips the trigger that keeps the copy.
    this.rows.changes.push({
      ...changeToRow(change),
      ...deployedPullRequestColumn(stored),
    });
  }

  /** How many events wait for the next flush. */
  get queuedEvents(): number {
    return this.rows.change_events.length;
  }

  /** Writes what is queued, in one transaction, and moves the chain head. */
  async flush(): Promise<void> {
    const batch = this.rows;
    this.rows = BulkHistoryWriter.empty();
    const { client } = this;
    await client.query('BEGIN');
    // The head, locked as appendEvent locks it: had anything appended
    // since, this batch would reuse its seqs and fork the chain.
    const head = await client.query(
      'SELECT last_hash FROM change_event_chain WHERE id = 1 FOR UPDATE',
    );
    if (head.rows[0].last_hash !== this.headHash) {
      await client.query('ROLLBACK');
      throw new Error(
        'The audit chain moved while BulkHistoryWriter was loading: another writer appended an event. Load into a database nothing else writes to, or wait until the backend has answered its last write.',
      );
    }
    // The rows are consistent by construction (changes before their
    // entities and events); skipping the per-row foreign-key triggers is
    // what a restore does too, and halves the load time.
    await client.query('SET LOCAL session_replication_role = replica');
    for (const table of HISTORY_TABLES) {
      await this.insert(table, batch[table]);
    }
    // Replica mode skips the triggers that keep the calendar's counts and
    // mark the metrics' changes too: the batch's are done in one statement
    // each instead.
    if (batch.changes.length) {
      const ids = batch.changes.map(row => row.id);
      await client.query(COUNT_DEPLOYS_OF_BATCH, [ids]);
      await client.query(MARK_DEPLOYS_OF_BATCH, [ids]);
    }
    await client.query(
      'UPDATE change_event_chain SET last_hash = $1, last_event_id = $2 WHERE id = 1',
      [this.lastHash, this.lastEventId ?? null],
    );
    await client.query('COMMIT');
    this.headHash = this.lastHash;
  }

  /** After the last flush: the sequence continues after the written events. */
  async finish(): Promise<void> {
    await this.flush();
    await this.client.query(
      `SELECT setval(pg_get_serial_sequence('change_events', 'seq'), $1)`,
      [this.seq],
    );
  }

  private async insert(table: Table, rows: Row[]) {
    if (rows.length === 0) return;
    const columns = this.columns.get(table)!;
    const values = columns.map(([name]) =>
      rows.map(row => {
        const value = row[name];
        return value instanceof Date ? value.toISOString() : value ?? null;
      }),
    );
    const names = columns.map(([name]) => `"${name}"`).join(', ');
    const unnest = columns.map(([, type], i) => `$${i + 1}::${type}[]`);
    await this.client.query(
      `INSERT INTO ${table} (${names}) SELECT * FROM unnest(${unnest.join(
        ', ',
      )})`,
      values,
    );
  }
}

/**
 * Writes a few changes with the store's own inserts, on any database the
 * store supports, in one transaction: each event is appended to the chain
 * by `appendEvent`, all changes' events in the order of their times (a
 * change's own in its order at equal times), as the server would have
 * appended them. For fixtures, query plans and the sample history;
 * {@link BulkHistoryWriter} loads millions.
 */
export async function writeHistory(
  knex: Knex,
  entries: Iterable<HistoryEntry>,
): Promise<void> {
  const all = [...entries];
  const events = all
    .flatMap(({ change, events: own }) =>
      own.map(event => ({ changeId: change.id, event })),
    )
    // Stable: events at the same time keep their order.
    .sort((a, b) => a.event.at.getTime() - b.event.at.getTime());
  await knex.transaction(async tx => {
    for (const { change, entities } of all) {
      await tx('changes').insert(changeToRow(change));
      if (entities.length) {
        await tx('change_entities').insert(
          entities.map(e => entityToRow(change, e)),
        );
      }
    }
    for (const { changeId, event } of events) {
      await appendEvent(tx, changeId, event);
    }
  });
}
