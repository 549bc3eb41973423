import {
  CHANGE_FAILURE_WINDOW_DAYS,
  EntityFactsList,
  EntitySummary,
  SUMMARY_ITEMS,
} from '@trove/backstage-plugin-change-management-common';
import { ChangeListFilters, ChangeStore } from '../database/ChangeStore';
import { Caller, ChangeAccessService } from './ChangeAccessService';
import { asOf } from './ChangeService';
import { Clock } from './Clock';

/**
 * One entity's change debt, for its catalog card: the same filters as the
 * change list (the entity, or a System with its parts, and the permission
 * policy's conditions on reading), asked three questions at once.
 */
export class SummaryService {
  constructor(
    private readonly store: ChangeStore,
    private readonly access: ChangeAccessService,
    private readonly clock: Clock,
  ) {}

  async summarize(entityRef: string, actor: Caller): Promise<EntitySummary> {
    const permissionFilter = await this.access.readFilter(actor);
    const now = this.clock.now();
    const scope = { entityRef, permissionFilter };
    const [inFlight, overdue, lastDeployed] = await Promise.all([
      this.part({ ...scope, inFlight: true }, now),
      this.part({ ...scope, overdueAt: now }, now),
      this.store.lastDeployedChange(scope),
    ]);
    return {
      entityRef,
      inFlight,
      overdue,
      lastProductionChange: lastDeployed && asOf(lastDeployed, now),
    };
  }

  /**
   * The delivery figures of each entity, for Tech Insights: counted in the
   * database under the same judges and the same read filter as the list.
   */
  async facts(entityRefs: string[], actor: Caller): Promise<EntityFactsList> {
    const permissionFilter = await this.access.readFilter(actor);
    const now = this.clock.now();
    const figures = await this.store.entityFacts({
      entityRefs,
      now,
      permissionFilter,
    });
    return {
      asOf: now.toISOString(),
      windowDays: CHANGE_FAILURE_WINDOW_DAYS,
      items: figures.map((facts, i) => ({
        entityRef: entityRefs[i],
        ...facts,
      })),
    };
  }

  /** The newest few that match, and how many match: counted only if more. */
  private async part(query: ChangeListFilters, now: Date) {
    const page = await this.store.listChanges({
      ...query,
      limit: SUMMARY_ITEMS,
    });
    return {
      items: page.items.map(c => asOf(c, now)),
      total: page.nextCursor
        ? await this.store.countChanges(query)
        : page.items.length,
    };
  }
}
