import {
  ChangeState,
  ChangeType,
  ReminderClock,
  ReminderThreshold,
} from '@trove/backstage-plugin-change-management-common';
import { NewChangeEvent } from './ChangeStore';
import { OutboxMessage } from './OutboxStore';

/** A change a clock runs for, with the time its deadline counts from. */
export interface PendingChange {
  id: string;
  type: ChangeType;
  state: ChangeState;
  title: string;
  createdBy: string;
  /** The clock's column: the retrospective due time, or the deploy time. */
  time: string;
}

/** Changes whose clock's time is in (after, upTo], by time then id. */
export interface PendingQuery {
  clock: ReminderClock;
  threshold: ReminderThreshold;
  /** Exclusive lower bound of the clock's time, if any. */
  after?: Date;
  /** Inclusive upper bound of the clock's time. */
  upTo: Date;
  /** The last change of the previous batch. */
  cursor?: { time: string; id: string };
  limit: number;
}

/** What the clock has sent, and the changes it has still to act on. */
export interface ReminderStore {
  /** Changes the clock still runs for, that have no row for the threshold. */
  listPending(query: PendingQuery): Promise<PendingChange[]>;

  /**
   * Records the threshold and appends its event and its side effects (the
   * notices) in one transaction, if the change still runs that clock and
   * nobody recorded the threshold first; returns whether it did.
   */
  recordReminder(options: {
    changeId: string;
    clock: ReminderClock;
    threshold: ReminderThreshold;
    /** The event; its states are the change's, read in the transaction. */
    event: Omit<NewChangeEvent, 'fromState' | 'toState'>;
    effects: OutboxMessage[];
  }): Promise<boolean>;
}
