import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import { NewChangeEvent } from './ChangeStore';
import { asStored, hashEvent } from './eventChain';

/**
 * Appends one event, with a new id unless given one, to the hash chain
 * inside the caller's transaction. Locking the chain head row makes concurrent appends wait
 * for each other (SQLite serialises writers anyway), so no two events ever
 * share a previous hash.
 */
export async function appendEvent(
  tx: Knex.Transaction,
  changeId: string,
  event: NewChangeEvent,
  id: string = randomUUID(),
): Promise<void> {
  const headQuery = tx('change_event_chain').where({ id: 1 });
  const head = await (tx.client.config.client === 'pg'
    ? headQuery.forUpdate()
    : headQuery
  ).first();
  const stored = asStored({
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
  const hash = hashEvent(head.last_hash, stored);
  await tx('change_events').insert({
    id: stored.id,
    change_id: changeId,
    action: stored.action,
    from_state: stored.fromState ?? null,
    to_state: stored.toState,
    actor: stored.actor,
    created_at: event.at,
    comment: stored.comment ?? null,
    fields: JSON.stringify(stored.fields),
    previous_hash: head.last_hash,
    hash,
  });
  await tx('change_event_chain')
    .where({ id: 1 })
    .update({ last_hash: hash, last_event_id: stored.id });
}
