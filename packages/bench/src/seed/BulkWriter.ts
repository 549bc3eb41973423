import { randomUUID } from 'node:crypto';
import { PoolClient } from 'pg';
import {
  asStored,
  hashEvent,
} from '@trove/backstage-plugin-change-management-backend/src/database/eventChain';
import { changeToRow } from '@trove/backstage-plugin-change-management-backend/src/database/rows';
import { SeededChange } from './lifecycle';

type Row = Record<string, unknown>;
export const TABLES = ['changes', 'change_entities', 'change_events'] as const;
type Table = (typeof TABLES)[number];

/**
 * Writes seeded changes in bulk: per batch one `INSERT ... SELECT FROM
 * unnest(...)` per table, in one transaction that also moves the chain
 * head. The rows are the store's own (`changeToRow`, and the columns
 * `appendEvent` writes), and each event is hashed onto the chain as
 * `appendEvent` hashes it, so `/audit/verify` checks them like any other.
 */
export class BulkWriter {
  private rows: Record<Table, Row[]> = {
    changes: [],
    change_entities: [],
    change_events: [],
  };

  static async open(client: PoolClient): Promise<BulkWriter> {
    const types = new Map<string, [string, string][]>();
    for (const table of TABLES) {
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
    return new BulkWriter(
      client,
      types,
      head.rows[0].last_hash,
      Number(seq.rows[0].seq),
    );
  }

  /** The newest event written, which the chain head names. */
  private lastEventId: string | undefined;

  private constructor(
    private readonly client: PoolClient,
    private readonly columns: Map<string, [string, string][]>,
    private lastHash: string,
    private seq: number,
  ) {}

  /** Queues a change, its entities and its events (hashed onto the chain). */
  add({ change, entities, events }: SeededChange) {
    this.rows.changes.push(changeToRow(change));
    for (const e of entities) {
      this.rows.change_entities.push({
        change_id: change.id,
        entity_ref: e.entityRef,
        system_ref: e.systemRef ?? null,
        owner_ref: e.ownerRef ?? null,
        created_at: change.createdAt,
      });
    }
    for (const event of events) {
      const stored = asStored({
        id: randomUUID(),
        changeId: change.id,
        action: event.action,
        fromState: event.fromState,
        toState: event.toState,
        actor: event.actor,
        at: event.at.toISOString(),
        comment: event.comment,
        fields: event.fields,
      });
      const hash = hashEvent(this.lastHash, stored);
      this.seq += 1;
      this.rows.change_events.push({
        seq: this.seq,
        id: stored.id,
        change_id: change.id,
        action: stored.action,
        from_state: stored.fromState ?? null,
        to_state: stored.toState,
        actor: stored.actor,
        created_at: event.at,
        comment: stored.comment ?? null,
        fields: JSON.stringify(stored.fields),
        previous_hash: this.lastHash,
        hash,
      });
      this.lastHash = hash;
      this.lastEventId = stored.id;
    }
  }

  get queuedEvents(): number {
    return this.rows.change_events.length;
  }

  /** Writes what is queued, in one transaction, and moves the chain head. */
  async flush(): Promise<void> {
    const batch = this.rows;
    this.rows = { changes: [], change_entities: [], change_events: [] };
    const { client } = this;
    await client.query('BEGIN');
    // The rows are consistent by construction (changes before their
    // entities and events); skipping the per-row foreign-key triggers is
    // what a restore does too, and halves the load time.
    await client.query('SET LOCAL session_replication_role = replica');
    for (const table of TABLES) {
      await this.insert(table, batch[table]);
    }
    await client.query(
      'UPDATE change_event_chain SET last_hash = $1, last_event_id = $2 WHERE id = 1',
      [this.lastHash, this.lastEventId ?? null],
    );
    await client.query('COMMIT');
  }

  /** After the last flush: the sequence continues after the seeded events. */
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
