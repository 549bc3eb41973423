import { randomUUID } from 'node:crypto';
import { AuthService } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  Lockdown,
  lockdownCovers,
  lockdownDeclarationSchema,
  lockdownEnd,
  LockdownList,
  lockdownsQuerySchema,
} from '@trove/backstage-plugin-change-management-common';
import { z } from 'zod';
import { LockdownStore } from '../database/LockdownStore';
import { inputError, parseInput } from '../errors';
import { BlackoutCalendar } from './BlackoutCalendar';
import { Caller } from './ChangeAccessService';
import { Clock } from './Clock';
import { outboxMessage } from './outboxHandlers';

/**
 * Issue 24 item 4: the lockdowns the CTO declares and lifts, and those in
 * force over a change's entities, which FreezeService hands to the one
 * deploy verdict beside the freeze and the blackouts.
 */
export class LockdownService {
  constructor(
    private readonly store: LockdownStore,
    private readonly scopes: Pick<BlackoutCalendar, 'scopesOf'>,
    private readonly catalog: Pick<CatalogService, 'getEntityByRef'>,
    private readonly auth: AuthService,
    private readonly clock: Clock,
  ) {}

  /** Declares a lockdown; only a holder of the CTO role may. */
  async declare(body: unknown, actor: Caller): Promise<Lockdown> {
    this.onlyCto(actor, 'declare');
    const input = parseInput(() => lockdownDeclarationSchema.parse(body));
    if (input.entityRef) {
      const scope = await this.catalog.getEntityByRef(input.entityRef, {
        credentials: actor.credentials,
      });
      if (!scope) {
        const message = `${input.entityRef} is not in the catalog`;
        throw inputError(`Invalid request: entityRef: ${message}`, [
          { path: 'entityRef', message },
        ]);
      }
    }
    const now = this.clock.now();
    const lockdown: Lockdown = {
      id: randomUUID(),
      ...(input.entityRef && { entityRef: input.entityRef }),
      reason: input.reason,
      start: input.start,
      ...(input.end && { end: input.end }),
      declaredBy: actor.userEntityRef,
      declaredAt: now.toISOString(),
    };
    return this.store.declare(lockdown, randomUUID(), [
      outboxMessage('lockdown-notices', {
        lockdown,
        happened: 'declared',
        actor: actor.userEntityRef,
      }),
    ]);
  }

  /** Lifts a lockdown now; only a holder of the CTO role may. */
  async lift(id: string, actor: Caller): Promise<Lockdown> {
    this.onlyCto(actor, 'lift');
    const key = parseInput(() => z.string().uuid().parse(id));
    const lifted = await this.store.lift(
      key,
      { by: actor.userEntityRef, at: this.clock.now() },
      randomUUID(),
      lockdown => [
        outboxMessage('lockdown-notices', {
          lockdown,
          happened: 'lifted',
          actor: actor.userEntityRef,
        }),
      ],
    );
    if (lifted) {
      return lifted;
    }
    const existing = await this.store.get(key);
    if (!existing) {
      throw new NotFoundError(`No lockdown with id '${key}'`);
    }
    throw new ConflictError(
      `Lockdown ${key} was already lifted by ${existing.liftedBy} at ${existing.liftedAt}`,
    );
  }

  /**
   * The lockdowns, newest first: with `active=true`, those in force now;
   * with an entity, those covering it, its System or its Domain. Anyone
   * signed in may read them: they close production to everyone.
   */
  async list(query: unknown, actor: Caller): Promise<LockdownList> {
    const { active, entityRef } = parseInput(() =>
      lockdownsQuerySchema.parse(query),
    );
    const lockdowns = await this.store.list({
      activeAt: active === 'true' ? this.clock.now() : undefined,
    });
    // The portal offers Declare and Lift by the same check that refuses them.
    const canDeclare = actor.isCto;
    if (!entityRef || lockdowns.every(l => !l.entityRef)) {
      return { items: lockdowns, canDeclare };
    }
    const scopes = await this.scopes.scopesOf([entityRef], actor.credentials);
    return {
      items: lockdowns.filter(l => lockdownCovers(l, scopes)),
      canDeclare,
    };
  }

  /**
   * The lockdowns in force at a time over any of these entities, newest
   * first. The catalog is read, with the plugin's own credentials (a
   * lockdown holds whoever asks), only when a scoped lockdown is in force.
   */
  async inForce(at: Date, entityRefs: string[]): Promise<Lockdown[]> {
    const lockdowns = await this.store.list({ activeAt: at });
    if (lockdowns.every(l => !l.entityRef)) {
      return lockdowns;
    }
    const scopes = await this.scopes.scopesOf(
      entityRefs,
      await this.auth.getOwnServiceCredentials(),
    );
    return lockdowns.filter(l => lockdownCovers(l, scopes));
  }

  /**
   * The lockdowns that overlap [from, to), lifted ones up to their lift,
   * covering this entity if one is given, for the calendar.
   */
  async during(
    from: Date,
    to: Date,
    entityRef: string | undefined,
  ): Promise<Lockdown[]> {
    const lockdowns = (await this.store.list({})).filter(
      l =>
        Date.parse(l.start) < to.getTime() &&
        from.getTime() < Date.parse(lockdownEnd(l)),
    );
    if (!entityRef || lockdowns.every(l => !l.entityRef)) {
      return lockdowns;
    }
    const scopes = await this.scopes.scopesOf(
      [entityRef],
      await this.auth.getOwnServiceCredentials(),
    );
    return lockdowns.filter(l => lockdownCovers(l, scopes));
  }

  private onlyCto(actor: Caller, what: 'declare' | 'lift') {
    if (!actor.isCto) {
      throw new NotAllowedError(
        `Only the CTO may ${what} a lockdown, and you do not hold the CTO role (changeManagement.roles.cto)`,
      );
    }
  }
}
