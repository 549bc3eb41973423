import { NotFoundError } from '@backstage/errors';
import {
  deployVerdict,
  GateAnswer,
  GateEnvironment,
  productionClosure,
} from '@trove/backstage-plugin-change-management-common';
import { ChangeStore } from '../database/ChangeStore';
import { Caller, ChangeAccessService } from './ChangeAccessService';
import { affectedRefs } from './ChangeService';
import { ChangeManagementMetrics } from './ChangeManagementMetrics';
import { Clock } from './Clock';
import { FreezeService } from './FreezeService';

/**
 * The one question a pipeline asks before it deploys: may this change go to
 * this environment now? The answer comes from the workflow and the freeze
 * and blackouts, exactly as a deploy would be judged.
 */
export class GateService {
  constructor(
    private readonly store: ChangeStore,
    private readonly access: ChangeAccessService,
    private readonly freeze: FreezeService,
    private readonly clock: Clock,
    private readonly metrics: ChangeManagementMetrics,
  ) {}

  async check(
    changeId: string,
    environment: GateEnvironment,
    actor: Caller,
  ): Promise<GateAnswer> {
    const found = await this.store.getChangeAndResource(changeId);
    if (!found) {
      throw new NotFoundError(`No change with id '${changeId}'`);
    }
    const { change, resource } = found;
    await this.access.authorizeRead(actor, resource);
    const now = this.clock.now();
    const production =
      environment === 'production'
        ? await this.freeze.production(now, affectedRefs(change))
        : undefined;
    const { allowed, reasons, final } = deployVerdict(
      change,
      environment,
      production && productionClosure(production),
      this.freeze.riskPolicyAt(now),
    );
    this.metrics.recordGateAnswer(allowed, environment);
    return {
      allowed,
      reasons,
      final,
      change: {
        id: change.id,
        type: change.type,
        state: change.state,
        version: change.version,
      },
      ...(production && {
        freeze: {
          frozen: !!production.freeze,
          timeZone: production.freezeTimeZone,
          window: production.freeze,
          blackouts: production.blackouts,
          ...(production.lockdowns && { lockdowns: production.lockdowns }),
        },
      }),
    };
  }
}
