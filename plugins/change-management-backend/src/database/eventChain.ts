import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** The previous hash of the very first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** The part of an event that its hash covers. */
export interface HashedEvent {
  id: string;
  /**
   * The change it belongs to; null for an event of no change, a lockdown's
   * (issue 24), whose fields name the lockdown (`lockdownId`).
   */
  changeId: string | null;
  action: string;
  fromState?: string;
  toState: string;
  actor: string;
  at: string;
  comment?: string;
  fields: Record<string, unknown>;
}

/**
 * The value as the database will store it: every string well-formed UTF-16,
 * with a lone surrogate replaced by U+FFFD as the drivers do when they
 * encode UTF-8. Hashing this form makes the hash cover exactly what is
 * stored, on SQLite and PostgreSQL alike. (Requests with such strings are
 * refused anyway; this keeps the chain sound whatever reaches the store.)
 */
export function asStored<T>(value: T): T {
  if (typeof value === 'string') {
    return value.toWellFormed() as T;
  }
  if (Array.isArray(value)) {
    return value.map(asStored) as T;
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [asStored(k), asStored(v)]),
    ) as T;
  }
  return value;
}

/**
 * sha256(previousHash + canonical JSON of the event). RFC 8785 canonical JSON
 * makes the hash independent of key order and of how a database returns it.
 */
export function hashEvent(previousHash: string, event: HashedEvent): string {
  return createHash('sha256')
    .update(previousHash + canonicalEvent(event))
    .digest('hex');
}

/** The canonical JSON that {@link hashEvent} hashes after the previous hash. */
export function canonicalEvent(event: HashedEvent): string {
  return canonicalize({
    id: event.id,
    changeId: event.changeId,
    action: event.action,
    fromState: event.fromState ?? null,
    toState: event.toState,
    actor: event.actor,
    at: event.at,
    comment: event.comment ?? null,
    fields: event.fields,
  })!;
}
