import { ChainStore } from '../database/ChainStore';
import { GENESIS_HASH } from '../database/eventChain';

/**
 * An event the chain must hold, kept outside the database
 * (`changeManagement.audit.expectedHead`): whoever can rewrite the
 * database, its checkpoints too, cannot rewrite this.
 */
export interface ExpectedHead {
  eventId: string;
  hash: string;
}

/** The head record is written by the migrations and moved by every append. */
export const HEAD_GONE =
  "The chain's head record is gone (the change_event_chain row was deleted): the audit trail was wiped";

/**
 * What says the chain held more than it does, in words: a wiped head
 * record; an empty chain although a checkpoint recorded events; or a
 * configured expected head that the chain does not hold with its hash.
 * Undefined when nothing does. An empty chain with neither is a fresh
 * database, and sound.
 */
export async function missingHistory(
  store: ChainStore,
  head: { hash: string; eventId?: string } | undefined,
  expected?: ExpectedHead,
): Promise<string | undefined> {
  if (!head) {
    return HEAD_GONE;
  }
  const empty = !head.eventId && head.hash === GENESIS_HASH;
  if (empty) {
    const [newest] = await store.listCheckpoints(1);
    if (newest) {
      return `The audit trail is empty, but the checkpoint of ${newest.createdAt} recorded it up to event ${newest.eventId}: its events were wiped`;
    }
  }
  if (!expected) {
    return undefined;
  }
  const where = `changeManagement.audit.expectedHead names event ${expected.eventId} with hash ${expected.hash}`;
  if (empty) {
    return `The audit trail is empty, but ${where}: its events were wiped`;
  }
  const seq = await store.seqOf(expected.eventId);
  const [event] = seq === undefined ? [] : await store.eventsAt([seq]);
  if (!event) {
    return `The audit trail lacks an event it must hold: ${where}`;
  }
  if (event.hash !== expected.hash) {
    return `History up to the expected head was rewritten: ${where}, but it has hash ${event.hash}`;
  }
  return undefined;
}
