import {
  AuditVerification,
  ChangeEvent,
} from '@trove/backstage-plugin-change-management-common';
import { ChangeBatch } from '../database/ChainStore';
import { StoredChange } from '../database/ChangeStore';
import { hashEvent } from '../database/eventChain';
import { differences, replayEvents } from './replay';

/** What the row check found in a batch of changes. */
export interface RowCheck {
  /** The first change whose row is not what its events replay to. */
  problem?: Partial<AuditVerification>;
  /** Whether every hash held; false stops the check at the first that did not. */
  hashesHold: boolean;
  /** How many events up to the head were hashed. */
  hashed: number;
}

/**
 * Re-computes the hash of each event of a batch of changes on the previous
 * hash it records (the database checks that this is the hash before it),
 * and, while `replay`, compares each change with what its events replay
 * to: once a change differs, the check only hashes, as a verification
 * names the first change.
 */
export function checkRows(
  { changes, events }: ChangeBatch,
  headSeq: number,
  replay: boolean,
): RowCheck {
  let hashed = 0;
  let problem: Partial<AuditVerification> | undefined;
  for (const stored of changes) {
    const history = events.get(stored.id) ?? [];
    for (const event of history) {
      if (event.hash !== hashEvent(event.previousHash, event)) {
        return { problem, hashesHold: false, hashed };
      }
      if (event.seq <= headSeq) hashed += 1;
    }
    if (replay && !problem) problem = rowProblem(stored, history);
  }
  return { problem, hashesHold: true, hashed };
}

/** How the change's row differs from what its events replay to, if it does. */
function rowProblem(
  stored: StoredChange,
  history: ChangeEvent[],
): Partial<AuditVerification> | undefined {
  const replayed = replayEvents(history);
  if ('problem' in replayed) {
    return {
      badChangeId: stored.id,
      firstBadEventId: replayed.event?.id,
      problem: `The events of change ${stored.id} do not replay: ${
        replayed.event ? `event ${replayed.event.id} ` : ''
      }${replayed.problem}`,
    };
  }
  const fields = differences(stored, replayed);
  if (fields.length) {
    return {
      badChangeId: stored.id,
      problem: `Change ${
        stored.id
      } differs from what its events record, in: ${fields.join(', ')}`,
    };
  }
  return undefined;
}
