import {
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { OutboxDelivery } from './OutboxDelivery';

/**
 * The plugin's outbox delivery loop, where code outside the plugin's init
 * can reach it: tests drain it after each request, so that what was sent
 * is known when they look.
 */
export class OutboxLoops {
  private readonly loops = new Set<OutboxDelivery>();

  add(loop: OutboxDelivery): void {
    this.loops.add(loop);
  }

  /** Stops them, as the backend's shutdown does. */
  async stop(): Promise<void> {
    await Promise.all([...this.loops].map(l => l.stop()));
  }

  /** Delivers everything due now; resolves to how many rows were claimed. */
  async drain(): Promise<number> {
    const counts = await Promise.all([...this.loops].map(l => l.drain()));
    return counts.reduce((a, b) => a + b, 0);
  }
}

/** Where the plugin registers its delivery loop; tests override it. */
export const changeManagementOutboxServiceRef = createServiceRef<OutboxLoops>({
  id: 'change-management.outbox',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {},
      factory: () => new OutboxLoops(),
    }),
});
