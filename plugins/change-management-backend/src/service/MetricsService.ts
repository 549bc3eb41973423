import { NotAllowedError } from '@backstage/errors';
import {
  EntityMetrics,
  MetricsOverview,
  ScoreWeights,
} from '@trove/backstage-plugin-change-management-common';
import { ChangeStore } from '../database/ChangeStore';
import { Caller, ChangeAccessService } from './ChangeAccessService';
import { Clock } from './Clock';

/** `GET /metrics`: an entity and a period, as the router reads them. */
export interface MetricsRequest {
  /** The entity, or for a System everything that is part of it. */
  entityRef: string;
  from: Date;
  to: Date;
}

/** `GET /metrics/overview`: a period. */
export type MetricsOverviewRequest = Omit<MetricsRequest, 'entityRef'>;

/**
 * One entity's delivery figures over a period (issue 21): computed in the
 * database under the judges of deliveryMetrics (-common) and the read
 * filter of the change list, so a reader counts only what they may read.
 */
export class MetricsService {
  constructor(
    private readonly store: ChangeStore,
    private readonly access: ChangeAccessService,
    private readonly clock: Clock,
    /** Config `changeManagement.metrics.scoreWeights`, read at start-up. */
    private readonly weights: ScoreWeights,
  ) {}

  async metrics(
    request: MetricsRequest,
    actor: Caller,
  ): Promise<EntityMetrics> {
    const permissionFilter = await this.access.readFilter(actor);
    return this.store.metrics({
      ...request,
      now: this.clock.now(),
      weights: this.weights,
      permissionFilter,
    });
  }

  /**
   * Every System's figures and every owning group's score, for the CTO's
   * overview, under the same judges and read filter. The exceptions are
   * the audit's: counted only for a caller who may read the audit.
   */
  async overview(
    request: MetricsOverviewRequest,
    actor: Caller,
  ): Promise<MetricsOverview> {
    const permissionFilter = await this.access.readFilter(actor);
    return this.store.metricsOverview({
      ...request,
      now: this.clock.now(),
      weights: this.weights,
      permissionFilter,
      withExceptions: await this.mayReadAudit(actor),
    });
  }

  private async mayReadAudit(actor: Caller): Promise<boolean> {
    try {
      await this.access.authorizeAudit(actor.credentials);
      return true;
    } catch (error) {
      if (error instanceof NotAllowedError) return false;
      throw error;
    }
  }
}
