import { LoggerService } from '@backstage/backend-plugin-api';
import { ChangeOutbox } from '@trove/backstage-plugin-change-management-node';
import { DeploymentGate, JUDGE_KIND } from './DeploymentGate';
import { DeploymentRequestStore } from './DeploymentRequestStore';

/** The id of the global re-check of held deployments. */
export const RECHECK_TASK_ID = 'change-management-github-held-deployments';

/**
 * GitHub waits on a custom deployment protection rule for 30 days, then
 * fails the run: a request older than that is no longer re-checked.
 */
const GITHUB_WAITS_MS = 30 * 24 * 3600_000;

/**
 * Judges held deployments again: when their change moves (each action the
 * plugin publishes on its events topic), and on a global schedule for what
 * moves with time alone (a freeze, blackout or lockdown that ends). Each
 * judgement answers GitHub only if the answer changed, and one replica
 * wins each step, so a deployment is approved or rejected once.
 */
export class HeldDeployments {
  constructor(
    private readonly options: {
      store: DeploymentRequestStore;
      gate: DeploymentGate;
      outbox: ChangeOutbox;
      logger: LoggerService;
    },
  ) {}

  /**
   * A change moved: its held requests are judged from the outbox, one row
   * each per action (keyed by the action's event, which the plugin may
   * publish more than once).
   */
  async onChangeEvent(event: { id?: string; changeId?: string }) {
    const { store, outbox } = this.options;
    if (!event.changeId || !event.id) return;
    for (const request of await store.open(event.changeId)) {
      await outbox.enqueue(
        JUDGE_KIND,
        { requestId: request.id },
        `${request.id}:${event.id}`,
      );
    }
  }

  /** The scheduled pass: every request not yet answered for good. */
  async recheck(): Promise<void> {
    const { store, gate, logger } = this.options;
    const forgotten = await store.forget(
      new Date(Date.now() - GITHUB_WAITS_MS),
    );
    if (forgotten > 0) {
      logger.info(
        `Stopped re-checking ${forgotten} deployment requests GitHub no longer waits on`,
      );
    }
    for (const request of await store.open()) {
      try {
        await gate.judge(request.id);
      } catch (error) {
        logger.warn(
          `Could not judge deployment request ${request.id} again: ${error}`,
        );
      }
    }
  }
}
