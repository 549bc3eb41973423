import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  Blackout,
  Change,
  deployVerdict,
  DeployVerdict,
  findFreezeWindow,
  FreezeStatus,
  FreezeWindow,
  Lockdown,
  openActions,
  productionClosure,
  WorkflowChange,
} from '@trove/backstage-plugin-change-management-common';
import { resolveAffectedEntities } from './affectedEntities';
import { BlackoutCalendar } from './BlackoutCalendar';
import { Clock } from './Clock';
import { ChangeManagementConfig } from './config';
import type { LockdownService } from './LockdownService';

/**
 * Whether production is closed to non-emergency changes: the company-wide
 * freeze calendar, and blackouts scoped by the catalog.
 */
export class FreezeService {
  constructor(
    private readonly config: ChangeManagementConfig,
    private readonly clock: Clock,
    private readonly blackouts: BlackoutCalendar,
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    /** Issue 24: the CTO's lockdowns, one more window of the verdict. */
    private readonly lockdowns?: Pick<LockdownService, 'inForce'>,
  ) {}

  /**
   * The freeze at a time, now by default; with an entity the caller can
   * see, also its blackouts.
   */
  async status(
    at?: Date,
    entity?: { entityRef: string; credentials: BackstageCredentials },
  ): Promise<FreezeStatus> {
    const time = at ?? this.clock.now();
    const window = findFreezeWindow(time, this.config.freeze);
    const [entityRef] = entity
      ? await resolveAffectedEntities(
          [entity.entityRef],
          this.catalog,
          entity.credentials,
          'entityRef',
        )
      : [];
    return {
      frozen: !!window,
      timeZone: this.config.freeze.timeZone,
      window,
      ...(entityRef && {
        blackouts: await this.blackoutsAt(time, [entityRef.entityRef]),
      }),
    };
  }

  /**
   * What closes production to these entities at a time, as the workflow
   * reads it: the freeze window, the blackouts and the CTO's lockdowns
   * that contain the time.
   */
  async production(
    at: Date,
    entityRefs: string[],
  ): Promise<{
    freeze?: FreezeWindow;
    freezeTimeZone: string;
    blackouts: Blackout[];
    lockdowns?: Lockdown[];
  }> {
    const [blackouts, lockdowns] = await Promise.all([
      this.blackoutsAt(at, entityRefs),
      entityRefs.length && this.lockdowns
        ? this.lockdowns.inForce(at, entityRefs)
        : [],
    ]);
    return {
      freeze: findFreezeWindow(at, this.config.freeze),
      freezeTimeZone: this.config.freeze.timeZone,
      blackouts,
      ...(lockdowns.length && { lockdowns }),
    };
  }

  /**
   * The verdict on a change's production deploy at a time, with the freeze
   * and the blackouts of its entities, as the deploy would be judged. The
   * catalog is read only when the blackouts can bear on it: while the
   * deploy step is open.
   */
  async deployVerdict(
    change: WorkflowChange &
      Pick<Change, 'approved'> &
      Partial<Pick<Change, 'risk'>>,
    entityRefs: string[],
    at: Date,
  ): Promise<DeployVerdict> {
    const deployOpen = openActions(change).includes('deploy');
    const production = await this.production(at, deployOpen ? entityRefs : []);
    return deployVerdict(
      change,
      'production',
      productionClosure(production),
      this.riskPolicyAt(at),
    );
  }

  /**
   * Issue 24: what the risk-based policies read of a production deploy at a
   * time, for deployVerdict: the policies and the working hours.
   */
  riskPolicyAt(at: Date) {
    return {
      policies: this.config.riskPolicies,
      workingHours: this.config.workingHours,
      now: at,
    };
  }

  /**
   * Blackouts apply whoever asks, so the catalog is read with the plugin's
   * own credentials, not the caller's.
   */
  private async blackoutsAt(at: Date, refs: string[]): Promise<Blackout[]> {
    if (refs.length === 0) {
      return [];
    }
    return this.blackouts.at(
      at,
      refs,
      await this.auth.getOwnServiceCredentials(),
    );
  }
}
