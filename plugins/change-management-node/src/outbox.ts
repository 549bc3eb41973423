import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

/**
 * What a handler is told of the row it delivers, besides its payload.
 *
 * @public
 */
export interface ChangeOutboxDelivery {
  /** How many times the row has been claimed, this time included. */
  attempts: number;
}

/**
 * Delivers one row of a module's kind after the commit that wrote it;
 * throws to have it tried again later, with backoff, until the plugin's
 * `changeManagement.outbox.maxAttempts` (then the row is dead and logged).
 * A row may be delivered more than once (a replica that dies mid-send), so
 * a handler must be safe to run again.
 *
 * @public
 */
export type ChangeOutboxHandler = (
  payload: any,
  delivery: ChangeOutboxDelivery,
) => Promise<void>;

/**
 * The change-management plugin's outbox, for a module's own side effects.
 *
 * @public
 */
export interface ChangeOutbox {
  /**
   * Writes a row for the handler of `kind`, due at once, unless a row of
   * that kind with this `key` is already there (until delivered rows are
   * purged, after `changeManagement.outbox.retention`): written twice, by
   * two replicas at the same moment or a retry, it is delivered once.
   * Given a transaction on the plugin's database (a module's
   * `coreServices.database` is the plugin's), the row is written in it and
   * committed with the module's own rows, or not at all. Resolves to
   * whether it wrote one. Only after the plugin has started.
   */
  enqueue(
    kind: string,
    payload: object,
    key: string,
    options?: { transaction?: Knex.Transaction },
  ): Promise<boolean>;
}

/** @public */
export interface ChangeOutboxExtensionPoint {
  /**
   * Delivers the rows of `kind` (a name of the module's own, such as
   * `github-deployment-callback`; the plugin's kinds are taken).
   */
  addHandler(kind: string, handler: ChangeOutboxHandler): void;
  /** The outbox, to write rows once the plugin has started. */
  outbox: ChangeOutbox;
}

/**
 * Where a module adds a kind of outbox row and its handler: its side
 * effects (a callback to another system) are then written in the same
 * transaction as what they follow from and delivered by the plugin's
 * outbox loop on every replica, with its retries, backoff and dead rows.
 *
 * @public
 */
export const changeOutboxExtensionPoint =
  createExtensionPoint<ChangeOutboxExtensionPoint>({
    id: 'change-management.outbox-kinds',
  });
