import { Lockdown } from '@trove/backstage-plugin-change-management-common';
import { OutboxMessage } from './OutboxStore';

/**
 * Issue 24 item 4: the lockdowns the CTO declares and lifts. Each write
 * leaves its side effects (the owners' notices) in the outbox, in the same
 * transaction.
 */
export interface LockdownStore {
  /** Stores a new lockdown; `effects` go in the outbox under `eventId`. */
  declare(
    lockdown: Lockdown,
    eventId: string,
    effects: OutboxMessage[],
  ): Promise<Lockdown>;

  /**
   * Lifts a lockdown that is not lifted yet, in one statement; resolves to
   * the lifted lockdown, or undefined if there is none to lift.
   */
  lift(
    id: string,
    lifted: { by: string; at: Date },
    eventId: string,
    effects: (lockdown: Lockdown) => OutboxMessage[],
  ): Promise<Lockdown | undefined>;

  get(id: string): Promise<Lockdown | undefined>;

  /**
   * The lockdowns, newest start first; with `activeAt`, only those in
   * force then (lockdownActive, as SQL).
   */
  list(options: { activeAt?: Date }): Promise<Lockdown[]>;
}
