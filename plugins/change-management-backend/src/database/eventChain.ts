import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** The previous hash of the very first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** The part of an event that its hash covers. */
export interface HashedEvent {
  id: string;
  changeId: string;
  action: string;
  fromState?: string;
  toState: string;
  actor: string;
  at: string;
  comment?: string;
  fields: Record<string, unknown>;
}

/**
 * sha256(previousHash + canonical JSON of the event). RFC 8785 canonical JSON
 * makes the hash independent of key order and of how a database returns it.
 */
export function hashEvent(previousHash: string, event: HashedEvent): string {
  const canonical = canonicalize({
    id: event.id,
    changeId: event.changeId,
    action: event.action,
    fromState: event.fromState ?? null,
    toState: event.toState,
    actor: event.actor,
    at: event.at,
    comment: event.comment ?? null,
    fields: event.fields,
  });
  return createHash('sha256')
    .update(previousHash + canonical)
    .digest('hex');
}
