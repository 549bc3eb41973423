import {
  AuditVerification,
  Lockdown,
} from '@trove/backstage-plugin-change-management-common';
import canonicalize from 'canonicalize';
import { LockdownEvent } from '../database/ChainStore';
import { hashEvent } from '../database/eventChain';
import { RowCheck } from './rowCheck';

/**
 * Issue 24: the lockdown events of the chain (of no change) re-hashed, and
 * each lockdown row compared with what its events record: the declaration
 * as declared, and the lift, if any, by its actor at its time. A row with
 * no declaration in the chain, or a lift the row lacks, is a problem.
 */
export function checkLockdowns(
  lockdowns: Lockdown[],
  events: LockdownEvent[],
  headSeq: number,
): RowCheck {
  let hashed = 0;
  for (const event of events) {
    if (event.hash !== hashEvent(event.previousHash, event)) {
      return { hashesHold: false, hashed };
    }
    if (event.seq <= headSeq) hashed += 1;
  }
  const byLockdown = new Map<string, LockdownEvent[]>();
  for (const event of events) {
    const id = String(event.fields.lockdownId);
    byLockdown.set(id, [...(byLockdown.get(id) ?? []), event]);
  }
  for (const stored of lockdowns) {
    const replayed = replay(byLockdown.get(stored.id) ?? []);
    if (!replayed || canonicalize(replayed) !== canonicalize(stored)) {
      return {
        hashesHold: true,
        hashed,
        problem: {
          problem: `Lockdown ${stored.id} differs from what its events record`,
        } satisfies Partial<AuditVerification>,
      };
    }
  }
  return { hashesHold: true, hashed };
}

/** The lockdown its events record, oldest first; undefined if undeclared. */
function replay(events: LockdownEvent[]): Lockdown | undefined {
  const declared = events.find(e => e.action === 'declare-lockdown');
  if (!declared) {
    return undefined;
  }
  const lockdown = declared.fields.lockdown as Lockdown;
  const lifted = events.find(e => e.action === 'lift-lockdown');
  return lifted
    ? {
        ...lockdown,
        liftedBy: lifted.actor,
        liftedAt: String(lifted.fields.liftedAt),
      }
    : lockdown;
}
