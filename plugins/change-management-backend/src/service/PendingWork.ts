import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';

/**
 * Work a request starts but does not wait for, such as the notifications of
 * an action once it is stored. Each task logs its own failures.
 */
export class PendingWork {
  private readonly running = new Set<Promise<void>>();

  /** Tracks a started task until it ends. */
  add(task: Promise<void>): void {
    this.running.add(task);
    task.finally(() => this.running.delete(task)).catch(() => {});
  }

  /** Resolves once every task started so far, and any they start, ended. */
  async settled(): Promise<void> {
    while (this.running.size > 0) {
      await Promise.allSettled([...this.running]);
    }
  }
}

/**
 * Where the plugin keeps its pending work. The default waits for it when
 * the backend shuts down; tests override it to wait for it after each
 * request, so that what was sent is known when they look.
 */
export const changeManagementPendingWorkServiceRef =
  createServiceRef<PendingWork>({
    id: 'change-management.pending-work',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: { lifecycle: coreServices.lifecycle },
        factory: ({ lifecycle }) => {
          const work = new PendingWork();
          lifecycle.addShutdownHook(() => work.settled());
          return work;
        },
      }),
  });
