import { Knex } from 'knex';
import { appendStatement } from './appendEvent';
import { HashedEvent } from './eventChain';
import { OutboxMessage } from './OutboxStore';
import { outboxRows } from './DatabaseOutboxStore';

/**
 * PostgreSQL: an action's whole write as one statement, committed on its
 * own: the change's row under its version guard, the outbox rows of its
 * side effects, and its event appended to the chain. One round trip
 * instead of five (begin, update, outbox, append, commit), and the chain
 * head, which every action waits for, is held only while PostgreSQL runs
 * the statement and commits it, never while Node's event loop gets to the
 * next step.
 *
 * Nothing is written unless all of it is (see {@link appendStatement}).
 * Resolves to whether it was written: if not, the version did not match
 * (someone else acted first), or the event would not hash as it must.
 */
export async function updateInOneStatement(
  db: Knex,
  options: {
    row: Record<string, unknown>;
    expectedVersion: number;
    event: HashedEvent;
    at: Date;
    messages: OutboxMessage[];
  },
): Promise<boolean> {
  const { row, expectedVersion, event, at, messages } = options;
  const append = appendStatement(event, at, 'updated');
  const bindings: Record<string, unknown> = {
    ...append.bindings,
    guard_id: row.id,
    guard_version: expectedVersion,
  };
  const set = Object.entries(row).map(([column, value], i) => {
    bindings[`c${i}`] = value;
    return `"${column}" = :c${i}`;
  });
  const outbox = outboxRows(event.id, messages, at);
  // The rows as JSON, read into the table's own row type: each value is
  // converted to its column's type, as an insert of them would.
  const columns = Object.keys(outbox[0] ?? {}).join(', ');
  if (outbox.length) bindings.outbox = JSON.stringify(outbox);
  const { rows } = await db.raw(
    `WITH updated AS (
       UPDATE changes SET ${set.join(', ')}
        WHERE id = :guard_id AND version = :guard_version
          AND ${append.check}
       RETURNING id
     ), ${
       outbox.length
         ? `outbox AS (
       INSERT INTO change_outbox (${columns})
       SELECT ${columns} FROM updated,
         json_populate_recordset(CAST(NULL AS change_outbox), :outbox)
     ), `
         : ''
     }${append.sql}`,
    bindings,
  );
  return rows.length === 1;
}
