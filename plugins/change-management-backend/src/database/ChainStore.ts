import type { Lockdown } from '@trove/backstage-plugin-change-management-common';
import type { HashedEvent } from './eventChain';

/** An event of the chain that belongs to no change: a lockdown's (issue 24). */
export type LockdownEvent = HashedEvent & {
  seq: number;
  previousHash: string;
  hash: string;
};
import {
  ChainCheckpoint,
  ChangeEvent,
} from '@trove/backstage-plugin-change-management-common';
import { StoredChange } from './ChangeStore';
import { OutboxMessage } from './OutboxStore';

/** A batch of changes with all their events, read from one snapshot. */
export interface ChangeBatch {
  changes: StoredChange[];
  /** Each change's events, oldest first. */
  events: Map<string, ChangeEvent[]>;
}

/** What the database found of the chain's links up to an event. */
export interface ChainLinks {
  /** The events up to it. */
  count: number;
  /** The seq of the first event whose previous hash is not the hash before it. */
  firstBreak?: number;
  /** The last event up to it. */
  last?: { id: string; hash: string; at: string };
}

/** What chain verification reads, a page at a time, and its checkpoints. */
export interface ChainStore {
  /** Up to `limit` events after `seq`, in chain order. */
  eventsAfter(seq: number, limit: number): Promise<ChangeEvent[]>;
  /**
   * The hash and id of the newest event, as written with every append;
   * undefined when its record is gone (the migrations write it once).
   */
  head(): Promise<{ hash: string; eventId?: string } | undefined>;
  /** Up to `limit` changes with ids after `id`, by id, with their events. */
  changesAfter(id: string, limit: number): Promise<ChangeBatch>;
  /**
   * The links of the chain up to the event at `seq`, checked where the rows
   * are: each event's previous hash against the hash of the event before it
   * in seq order.
   */
  chainLinks(seq: number): Promise<ChainLinks>;
  /** The seq of an event, if it exists. */
  seqOf(eventId: string): Promise<number | undefined>;
  /** The id and hash of the events at these seqs. */
  eventsAt(
    seqs: number[],
  ): Promise<{ seq: number; id: string; hash: string }[]>;
  /** The first event up to `seq` whose change row is gone. */
  firstOrphanEvent(seq: number): Promise<string | undefined>;
  /**
   * Issue 24: every lockdown and the chain's lockdown events (of no
   * change), oldest first, read from one snapshot.
   */
  lockdownHistory(): Promise<{
    lockdowns: Lockdown[];
    events: LockdownEvent[];
  }>;
  /**
   * Records a checkpoint, and its side effects in the outbox in the same
   * transaction (keyed by the checkpoint's event).
   */
  addCheckpoint(
    checkpoint: ChainCheckpoint,
    effects: OutboxMessage[],
  ): Promise<void>;
  /** Newest first, at most `limit`; all of them, oldest first, without. */
  listCheckpoints(limit?: number): Promise<ChainCheckpoint[]>;
}
