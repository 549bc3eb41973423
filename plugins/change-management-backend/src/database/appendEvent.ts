import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import { NewChangeEvent } from './ChangeStore';
import { asStored, canonicalEvent, hashEvent, HashedEvent } from './eventChain';
import { eventToRow } from './rows';

/** The event as its hash covers it and as it is stored (`asStored`). */
export function hashedEvent(
  changeId: string,
  event: NewChangeEvent,
  id: string,
): HashedEvent {
  return asStored({
    id,
    changeId,
    action: event.action,
    fromState: event.fromState,
    toState: event.toState,
    actor: event.actor,
    at: event.at.toISOString(),
    comment: event.comment,
    fields: event.fields,
  });
}

/**
 * Appends one event, with a new id unless given one, to the hash chain
 * inside the caller's transaction. Locking the chain head row makes
 * concurrent appends wait for each other (SQLite serialises writers
 * anyway), so no two events ever share a previous hash. Every append waits
 * for the head, so it is taken last and held for as little as possible.
 */
export async function appendEvent(
  tx: Knex.Transaction,
  changeId: string,
  event: NewChangeEvent,
  id: string = randomUUID(),
): Promise<void> {
  const stored = hashedEvent(changeId, event, id);
  const row = eventToRow(stored, event.at);
  if (tx.client.config.client === 'pg') {
    await appendInOneStatement(tx, row, stored);
    return;
  }
  const head = await tx('change_event_chain').where({ id: 1 }).first();
  const hash = hashEvent(head.last_hash, stored);
  await tx('change_events').insert({
    ...row,
    previous_hash: head.last_hash,
    hash,
  });
  await tx('change_event_chain')
    .where({ id: 1 })
    .update({ last_hash: hash, last_event_id: stored.id });
}

/**
 * PostgreSQL: lock the head, insert the event hashed on the head and move
 * the head, in one statement, so the lock is held for one round trip and
 * the commit instead of three (under load, each round trip also waits for
 * Node's event loop). PostgreSQL hashes as {@link hashEvent} does; the hash
 * is checked here against it, so a difference rolls the action back rather
 * than breaking the chain.
 */
async function appendInOneStatement(
  tx: Knex.Transaction,
  row: Record<string, unknown>,
  stored: HashedEvent,
) {
  const { rows } = await tx.raw(
    `WITH head AS (
       SELECT last_hash FROM change_event_chain WHERE id = 1 FOR UPDATE
     ), event AS (
       INSERT INTO change_events (id, change_id, action, from_state,
         to_state, actor, created_at, comment, fields, previous_hash, hash)
       SELECT :id, :change_id, :action, :from_state, :to_state, :actor,
         CAST(:created_at AS timestamptz), :comment, :fields, head.last_hash,
         encode(sha256(convert_to(head.last_hash || :canonical, 'UTF8')), 'hex')
       FROM head
       RETURNING id, previous_hash, hash
     )
     UPDATE change_event_chain
        SET last_hash = event.hash, last_event_id = event.id
       FROM event
      WHERE change_event_chain.id = 1
     RETURNING event.previous_hash, event.hash`,
    { ...row, canonical: canonicalEvent(stored) },
  );
  const [appended] = rows;
  if (appended?.hash !== hashEvent(appended?.previous_hash, stored)) {
    throw new Error(
      `The event ${stored.id} was not appended to the chain as it hashes`,
    );
  }
}
