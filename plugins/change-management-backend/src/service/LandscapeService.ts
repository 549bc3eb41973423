import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  Calendar,
  CALENDAR_MAX_DAYS,
  ChangeType,
  closuresBetween,
  closuresHold,
  closuresHolding,
  Conflict,
  ConflictList,
  FREE_SLOT_HORIZON_DAYS,
  FreeSlot,
  nextFreeSlot,
  PlannedWindow,
  plannedWindowOf,
  WindowWarning,
  windowWarnings,
} from '@trove/backstage-plugin-change-management-common';
import { ChangeStore, StoredChange } from '../database/ChangeStore';
import { resolveAffectedEntities } from './affectedEntities';
import { BlackoutCalendar } from './BlackoutCalendar';
import type { LockdownService } from './LockdownService';
import { dependencyNeighbours } from './CatalogGraph';
import { Caller, ChangeAccessService } from './ChangeAccessService';
import { ChangeManagementConfig } from './config';

const DAY_MS = 86_400_000;

/** A planned window and what it touches, before or after it is stored. */
interface Plan {
  window: PlannedWindow;
  type: ChangeType;
  entityRefs: string[];
  /** Their Systems; a System names itself. */
  systemRefs: string[];
  excludeId?: string;
}

/** The request of `GET /conflicts`, as the router reads it. */
export interface ConflictsRequest {
  entityRef: string[];
  plannedStart: Date;
  plannedEnd: Date;
  type: ChangeType;
  excludeId?: string;
}

/** The request of `GET /calendar`, as the router reads it. */
export interface CalendarRequest {
  from: Date;
  to: Date;
  entityRef?: string;
  type?: ChangeType;
  /** Deploys counted per day, and only the planned changes listed. */
  per?: 'day';
}

/** The request of `GET /free-slot`, as the router reads it. */
export interface FreeSlotRequest {
  entityRef: string[];
  durationMinutes: number;
  earliestStart: Date;
  type: ChangeType;
  excludeId?: string;
}

/**
 * The change landscape (issue 21): what collides with a planned window,
 * the calendar of a period and the next free slot. The rules are the
 * judges of -common (windowWarnings, closuresHolding, windowsOverlap); the
 * store answers which changes overlap, in SQL. Changes are only those the
 * caller may read, as in the list. The freeze and the blackouts apply
 * whoever asks, so the catalog is read for them, and for the dependency
 * hops, with the plugin's own credentials.
 */
export class LandscapeService {
  constructor(
    private readonly store: ChangeStore,
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly access: ChangeAccessService,
    private readonly blackouts: BlackoutCalendar,
    private readonly config: ChangeManagementConfig,
    /** Issue 24: the CTO's lockdowns, shown on the calendar. */
    private readonly lockdowns?: Pick<LockdownService, 'during'>,
  ) {}

  /** A stored change's window warnings; none without a planned window. */
  async warningsOf(change: StoredChange): Promise<WindowWarning[]> {
    const plan = planOf(change);
    return plan ? this.warnings(plan) : [];
  }

  /** A stored change's conflicts, for its page; none without a window. */
  async conflictsOf(change: StoredChange, actor: Caller): Promise<Conflict[]> {
    const plan = planOf(change);
    return plan ? this.conflicts(plan, actor) : [];
  }

  /** `GET /conflicts`: a window for the raise form, before the change exists. */
  async conflictsFor(
    request: ConflictsRequest,
    actor: Caller,
  ): Promise<ConflictList> {
    const entities = await resolveAffectedEntities(
      request.entityRef,
      this.catalog,
      actor.credentials,
      'entityRef',
    );
    const plan: Plan = {
      window: {
        plannedStart: request.plannedStart.toISOString(),
        plannedEnd: request.plannedEnd.toISOString(),
      },
      type: request.type,
      entityRefs: entities.map(e => e.entityRef),
      systemRefs: systemsOf(entities),
      excludeId: request.excludeId,
    };
    const [conflicts, warnings] = await Promise.all([
      this.conflicts(plan, actor),
      this.warnings(plan),
    ]);
    return { conflicts, windowWarnings: warnings };
  }

  /**
   * `GET /calendar`: the freeze and blackout windows of a period, and the
   * changes planned or deployed in it; or, per day, the deploys counted per
   * day and the changes planned and not deployed. A period over
   * CALENDAR_MAX_DAYS is cut to that.
   */
  async calendar(request: CalendarRequest, actor: Caller): Promise<Calendar> {
    const { from, entityRef, type } = request;
    const to = new Date(
      Math.min(
        request.to.getTime(),
        from.getTime() + CALENDAR_MAX_DAYS * DAY_MS,
      ),
    );
    const permissionFilter = await this.access.readFilter(actor);
    const period = { from, to, entityRef, type, permissionFilter };
    const [blackouts, lockdowns, changes, days] = await Promise.all([
      this.blackouts.during(
        from,
        to,
        entityRef ? [entityRef] : undefined,
        await this.auth.getOwnServiceCredentials(),
      ),
      this.lockdowns?.during(from, to, entityRef) ?? [],
      this.store.calendarChanges({
        ...period,
        plannedOnly: request.per === 'day',
      }),
      request.per === 'day' ? this.store.calendarDays(period) : undefined,
    ]);
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      windows: closuresBetween(from, to, {
        freeze: this.config.freeze,
        blackouts,
        lockdowns,
      }),
      changes,
      ...(days && { days }),
    };
  }

  /**
   * `GET /free-slot`: the earliest window of the duration, starting within
   * FREE_SLOT_HORIZON_DAYS of the earliest start, that collides with no
   * open change near the entities nor, for a standard or infrastructure
   * change, with the freeze or a blackout, and lies within the configured
   * working hours, if any (nextFreeSlot of -common).
   */
  async freeSlot(request: FreeSlotRequest, actor: Caller): Promise<FreeSlot> {
    const entities = await resolveAffectedEntities(
      request.entityRef,
      this.catalog,
      actor.credentials,
      'entityRef',
    );
    const duration = request.durationMinutes * 60_000;
    const earliest = request.earliestStart.getTime();
    const latestStart = earliest + FREE_SLOT_HORIZON_DAYS * DAY_MS;
    // Everything that collides with any slot that could be chosen.
    const busy = await this.conflicts(
      {
        window: {
          plannedStart: new Date(earliest).toISOString(),
          plannedEnd: new Date(latestStart + duration).toISOString(),
        },
        type: request.type,
        entityRefs: entities.map(e => e.entityRef),
        systemRefs: systemsOf(entities),
        excludeId: request.excludeId,
      },
      actor,
    );
    const slot = nextFreeSlot({
      earliest,
      latestStart,
      durationMs: duration,
      busy: busy.map(c => ({
        start: Date.parse(c.plannedStart),
        end: Date.parse(c.plannedEnd),
      })),
      workingHours: this.config.workingHours,
    });
    if (!slot) {
      return {
        start: null,
        end: null,
        reason: `No ${request.durationMinutes}-minute window free of conflicts${
          closuresHold(request.type) ? ', the freeze and blackouts' : ''
        }${
          this.config.workingHours ? ' within working hours' : ''
        } starts within ${FREE_SLOT_HORIZON_DAYS} days of ${new Date(
          earliest,
        ).toISOString()}`,
      };
    }
    return {
      start: new Date(slot.start).toISOString(),
      end: new Date(slot.end).toISOString(),
    };
  }

  /**
   * The open changes that collide with a plan, then the freeze and
   * blackout windows that hold it back.
   */
  private async conflicts(plan: Plan, actor: Caller): Promise<Conflict[]> {
    const credentials = await this.auth.getOwnServiceCredentials();
    const start = new Date(plan.window.plannedStart);
    const end = new Date(plan.window.plannedEnd);
    const [permissionFilter, neighbourRefs, blackouts] = await Promise.all([
      this.access.readFilter(actor),
      dependencyNeighbours(this.catalog, credentials, plan.entityRefs),
      this.blackoutsOf(plan),
    ]);
    const changes = await this.store.findConflicts({
      start,
      end,
      entityRefs: plan.entityRefs,
      systemRefs: plan.systemRefs,
      neighbourRefs,
      excludeId: plan.excludeId,
      permissionFilter,
    });
    const windows = closuresHolding(plan.window, plan.type, {
      freeze: this.config.freeze,
      blackouts,
    }).map(
      (w): Conflict => ({
        id: null,
        title: w.title,
        state: null,
        plannedStart: w.start,
        plannedEnd: w.end,
        reason: w.kind,
      }),
    );
    return [...changes, ...windows];
  }

  private async warnings(plan: Plan): Promise<WindowWarning[]> {
    return windowWarnings({
      window: plan.window,
      type: plan.type,
      freeze: this.config.freeze,
      blackouts: await this.blackoutsOf(plan),
      workingHours: this.config.workingHours,
    });
  }

  /** The blackouts of the plan's entities and Systems during its window. */
  private async blackoutsOf(plan: Plan) {
    return this.blackouts.during(
      new Date(plan.window.plannedStart),
      new Date(plan.window.plannedEnd),
      [...plan.entityRefs, ...plan.systemRefs],
      await this.auth.getOwnServiceCredentials(),
    );
  }
}

/** The plan of a stored change, if it has a planned window. */
function planOf(change: StoredChange): Plan | undefined {
  const window = plannedWindowOf(change);
  return (
    window && {
      window,
      type: change.type,
      entityRefs: change.affectedEntityRefs,
      systemRefs: change.affectedSystemRefs,
      excludeId: change.id,
    }
  );
}

function systemsOf(entities: { systemRef?: string }[]): string[] {
  return [
    ...new Set(entities.flatMap(e => (e.systemRef ? [e.systemRef] : []))),
  ];
}
