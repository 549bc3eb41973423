import {
  Change,
  ChangeState,
  ChangeType,
} from '@internal/backstage-plugin-change-management-common';

/** A change as stored; `overdue` depends on the clock and is added on read. */
export type StoredChange = Omit<Change, 'overdue'>;

/** An affected entity, with the System it was part of when recorded. */
export interface AffectedEntity {
  entityRef: string;
  systemRef?: string;
}

/** An event to append to the audit trail. */
export interface NewChangeEvent {
  action: string;
  fromState?: ChangeState;
  toState: ChangeState;
  actor: string;
  at: Date;
  comment?: string;
  /** The record fields the action set. */
  fields: Record<string, unknown>;
}

/** An event of the audit trail, as stored. */
export interface ChangeEvent extends Omit<NewChangeEvent, 'at'> {
  id: string;
  changeId: string;
  seq: number;
  at: string;
  previousHash: string;
  hash: string;
}

export interface ChangeListQuery {
  /** A System matches every change to it or to anything that is part of it. */
  entityRef?: string;
  states?: ChangeState[];
  type?: ChangeType;
  createdBy?: string;
  limit: number;
  cursor?: string;
}

export interface ChangeStore {
  /** Inserts a change, its affected entities and its first event. */
  createChange(options: {
    change: StoredChange;
    entities: AffectedEntity[];
    event: NewChangeEvent;
  }): Promise<StoredChange>;

  getChange(id: string): Promise<StoredChange | undefined>;

  /** Newest first, keyset-paged. */
  listChanges(
    query: ChangeListQuery,
  ): Promise<{ items: StoredChange[]; nextCursor?: string }>;

  /** The change's events, oldest first. */
  listEvents(changeId: string): Promise<ChangeEvent[]>;
}
