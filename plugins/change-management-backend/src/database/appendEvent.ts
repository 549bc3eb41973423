import { createHash, randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import { NewChangeEvent } from './ChangeStore';
import { asStored, canonicalEvent, hashEvent, HashedEvent } from './eventChain';
import { eventToRow } from './rows';

/**
 * An event as it is appended: a change's (NewChangeEvent), or one of no
 * change, whose action and states are its own (a lockdown's, issue 24).
 */
export type ChainEventInput = Omit<
  NewChangeEvent,
  'action' | 'fromState' | 'toState'
> & { action: string; fromState?: string; toState: string };

/** The event as its hash covers it and as it is stored (`asStored`). */
export function hashedEvent(
  changeId: string | null,
  event: ChainEventInput,
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
  changeId: string | null,
  event: ChainEventInput,
  id: string = randomUUID(),
): Promise<void> {
  const stored = hashedEvent(changeId, event, id);
  if (tx.client.config.client === 'pg') {
    const append = appendStatement(stored, event.at);
    const { rows } = await tx.raw(
      `WITH checked AS (SELECT 1 WHERE ${append.check}), ${append.sql}`,
      append.bindings,
    );
    if (rows.length !== 1) {
      throw notAppended(stored);
    }
    return;
  }
  const head = await tx('change_event_chain').where({ id: 1 }).first();
  const hash = hashEvent(head.last_hash, stored);
  await tx('change_events').insert({
    ...eventToRow(stored, event.at),
    previous_hash: head.last_hash,
    hash,
  });
  await tx('change_event_chain')
    .where({ id: 1 })
    .update({ last_hash: hash, last_event_id: stored.id });
}

/**
 * PostgreSQL: the end of one statement that appends an event: it locks
 * the head, inserts the event hashed on it and moves the head, returning
 * the event's place in the chain (one row), so that the lock is held for
 * that statement and the commit rather than for several round trips (under
 * load, each round trip also waits for Node's event loop).
 *
 * The event follows the statement's CTE named `after`, which must return a
 * row for anything to be appended: `checked` when only the event is
 * written, or the write the event records. In the latter case the event
 * selects from `after` and joins the head, so that if the head were
 * missing the event's hashes would be null, which their columns refuse:
 * the statement fails as a whole rather than commit the write without its
 * event. `after` holds the row locks the statement's write takes, before
 * the head is locked, in the order of a transaction that writes first and
 * appends last.
 *
 * PostgreSQL hashes as {@link hashEvent} does, provided it reads the
 * canonical JSON as the same UTF-8 bytes: `check` compares their sha256,
 * and must gate `after`, so that an event PostgreSQL would hash otherwise
 * is never appended (nor its write made).
 */
export function appendStatement(
  stored: HashedEvent,
  at: Date,
  after = 'checked',
): { check: string; sql: string; bindings: Record<string, unknown> } {
  const canonical = canonicalEvent(stored);
  const from = after === 'checked' ? 'head' : `${after} LEFT JOIN head ON true`;
  return {
    check: `sha256(convert_to(:canonical, 'UTF8')) = decode(:canonical_sha256, 'hex')`,
    sql: `head AS (
       SELECT last_hash FROM change_event_chain
        WHERE id = 1 AND EXISTS (SELECT 1 FROM ${after})
          FOR UPDATE
     ), event AS (
       INSERT INTO change_events (id, change_id, lockdown_id, action,
         from_state, to_state, actor, created_at, comment, fields,
         previous_hash, hash)
       SELECT :id, :change_id, :lockdown_id, :action, :from_state,
         :to_state, :actor,
         CAST(:created_at AS timestamptz), :comment, :fields, head.last_hash,
         encode(sha256(convert_to(head.last_hash || :canonical, 'UTF8')), 'hex')
       FROM ${from}
       RETURNING id, previous_hash, hash
     )
     UPDATE change_event_chain
        SET last_hash = event.hash, last_event_id = event.id
       FROM event
      WHERE change_event_chain.id = 1
     RETURNING event.previous_hash, event.hash`,
    bindings: {
      ...eventToRow(stored, at),
      canonical,
      canonical_sha256: createHash('sha256').update(canonical).digest('hex'),
    },
  };
}

/** An event that hashed otherwise in PostgreSQL, or found no chain head. */
export function notAppended(stored: HashedEvent): Error {
  return new Error(
    `The event ${stored.id} was not appended to the chain as it hashes`,
  );
}
