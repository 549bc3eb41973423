import { createDeferred } from '@backstage/types';
import {
  ChangeOutbox,
  ChangeOutboxExtensionPoint,
  ChangeOutboxHandler,
} from '@trove/backstage-plugin-change-management-node';
import { Knex } from 'knex';
import { OutboxStore } from '../database/OutboxStore';
import { Clock } from './Clock';
import { OutboxDelivery } from './OutboxDelivery';
import { AnyOutboxHandler } from './outboxHandlers';

/**
 * Issue 20: the outbox as backend modules see it through
 * `changeOutboxExtensionPoint`. Their kinds join the plugin's in the one
 * delivery loop; their rows are keyed (`enqueueKeyed`), so a row written
 * twice is delivered once. Rows can be written once the plugin has
 * started, which is when modules' event handlers run.
 */
export class ModuleOutbox implements ChangeOutbox {
  private readonly kinds = new Map<string, ChangeOutboxHandler>();
  private readonly started = createDeferred<{
    store: OutboxStore;
    delivery: OutboxDelivery;
    clock: Clock;
  }>();

  readonly extensionPoint: ChangeOutboxExtensionPoint = {
    addHandler: (kind, handler) => {
      if (this.kinds.has(kind)) {
        throw new Error(`The outbox kind '${kind}' has a handler already`);
      }
      this.kinds.set(kind, handler);
    },
    outbox: this,
  };

  /** The modules' handlers, beside the plugin's own kinds. */
  handlers(pluginKinds: string[]): Record<string, AnyOutboxHandler> {
    const taken = [...this.kinds.keys()].filter(k => pluginKinds.includes(k));
    if (taken.length > 0) {
      throw new Error(`The outbox kinds ${taken.join(', ')} are the plugin's`);
    }
    return Object.fromEntries(
      [...this.kinds].map(([kind, handler]) => [
        kind,
        (payload, entry) => handler(payload, { attempts: entry.attempts }),
      ]),
    );
  }

  start(store: OutboxStore, delivery: OutboxDelivery, clock: Clock): void {
    this.started.resolve({ store, delivery, clock });
  }

  async enqueue(
    kind: string,
    payload: object,
    key: string,
    options?: { transaction?: Knex.Transaction },
  ): Promise<boolean> {
    if (!this.kinds.has(kind)) {
      throw new Error(`No handler was added for the outbox kind '${kind}'`);
    }
    const { store, delivery, clock } = await this.started;
    const tx = options?.transaction;
    const wrote = await store.enqueueKeyed(
      { kind, payload },
      key,
      clock.now(),
      tx,
    );
    // Sent at once after the commit, rather than at the next poll.
    if (!wrote) return false;
    if (tx) {
      tx.executionPromise.then(() => delivery.wake()).catch(() => {});
    } else {
      delivery.wake();
    }
    return true;
  }
}
