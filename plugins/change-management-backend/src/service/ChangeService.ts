import { randomUUID } from 'node:crypto';
import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  applyAction,
  changeActionPermissions,
  changeCreatePermission,
  changeDraftSchema,
  changeEditSchema,
  ChangeList,
  changeReadPermission,
  changeUpdatePermission,
  ChangeView,
  findFreezeWindow,
  isRetrospectiveOverdue,
  parseActionRequest,
  WorkflowActor,
} from '@trove/backstage-plugin-change-management-common';
import {
  ChangeListQuery,
  ChangeStore,
  StoredChange,
} from '../database/ChangeStore';
import { resolveAffectedEntities } from './affectedEntities';
import { allowedActionsFor } from './allowedActions';
import { Clock } from './Clock';
import { ChangeManagementConfig, holdsCtoRole } from './config';
import { parseInput, refusalToError } from './errors';

/** The signed-in user an operation runs for, from Backstage auth only. */
export interface Actor {
  userEntityRef: string;
  ownershipEntityRefs: string[];
  credentials: BackstageCredentials;
}

/**
 * Owns the rules of the change workflow: it judges every request with the
 * shared workflow, asks the permission policy, and hands the store one
 * change row and one event to write together. It makes no HTTP calls of its
 * own and trusts nothing but the actor handed to it by the router.
 */
export class ChangeService {
  constructor(
    private readonly store: ChangeStore,
    private readonly catalog: CatalogService,
    private readonly permissions: PermissionsService,
    private readonly config: ChangeManagementConfig,
    private readonly clock: Clock,
  ) {}

  async createChange(body: unknown, actor: Actor): Promise<ChangeView> {
    await this.authorize(changeCreatePermission, actor, 'create changes');
    const input = parseInput(() => changeDraftSchema.parse(body));
    const entities = await resolveAffectedEntities(
      input.affectedEntityRefs,
      this.catalog,
      actor.credentials,
    );
    const now = this.clock.now().toISOString();
    const { affectedEntityRefs: _refs, ...fields } = input;
    const change: StoredChange = {
      ...fields,
      id: randomUUID(),
      type: input.type as StoredChange['type'],
      state: 'draft',
      version: 1,
      affectedEntityRefs: [],
      affectedSystemRefs: [],
      createdBy: actor.userEntityRef,
      createdAt: now,
      updatedAt: now,
      exceptions: [],
    };
    const created = await this.store.createChange({
      change,
      entities,
      event: {
        action: 'create',
        toState: 'draft',
        actor: actor.userEntityRef,
        at: new Date(now),
        fields: {
          ...input,
          affectedEntityRefs: entities.map(e => e.entityRef),
        },
      },
    });
    return this.view(created, actor);
  }

  /** Edits a draft: the author only, at the version they last saw. */
  async editChange(
    id: string,
    body: unknown,
    actor: Actor,
  ): Promise<ChangeView> {
    await this.authorize(changeUpdatePermission, actor, 'edit changes');
    const { version, ...input } = parseInput(() =>
      changeEditSchema.parse(body),
    );
    const change = await this.load(id);
    if (change.createdBy !== actor.userEntityRef) {
      throw new NotAllowedError(
        `Only the author (${change.createdBy}) may edit this change`,
      );
    }
    if (change.state !== 'draft') {
      throw new ConflictError(
        `Only a draft can be edited; this change is '${change.state}'`,
      );
    }
    if (input.type !== change.type) {
      throw new ConflictError(
        'The type of a change cannot be changed; cancel it and raise a new one',
      );
    }
    this.checkVersion(change, version);
    const entities = await resolveAffectedEntities(
      input.affectedEntityRefs,
      this.catalog,
      actor.credentials,
    );
    const now = this.clock.now();
    const { affectedEntityRefs: _refs, ...fields } = input;
    const updated = await this.store.updateChange({
      change: {
        ...change,
        pullRequestUrl: undefined,
        incident: undefined,
        proposedFix: undefined,
        ...fields,
        type: change.type,
        version: version + 1,
        updatedAt: now.toISOString(),
      },
      expectedVersion: version,
      entities,
      event: {
        action: 'edit',
        fromState: 'draft',
        toState: 'draft',
        actor: actor.userEntityRef,
        at: now,
        fields: {
          ...input,
          affectedEntityRefs: entities.map(e => e.entityRef),
        },
      },
    });
    return this.view(updated, actor);
  }

  /** Takes a workflow action; every rule of WORKFLOW.md is judged here. */
  async act(id: string, body: unknown, actor: Actor): Promise<ChangeView> {
    const request = parseInput(() => parseActionRequest(body));
    const change = await this.load(id);
    this.checkVersion(change, request.version);
    const now = this.clock.now();
    const outcome = applyAction(this.withOverdue(change), request, {
      actor: this.workflowActor(actor),
      now,
      allowSelfApproval: this.config.allowSelfApproval,
      freeze: findFreezeWindow(now, this.config.freeze),
      freezeTimeZone: this.config.freeze.timeZone,
    });
    if (!outcome.ok) {
      throw refusalToError(outcome);
    }
    // The policy decides who may act at all; the workflow rules above apply
    // whatever it decides.
    await this.authorize(
      changeActionPermissions[request.action],
      actor,
      `${request.action} changes`,
    );
    const updated = await this.store.updateChange({
      change: {
        ...change,
        ...outcome.patch,
        state: outcome.to,
        version: change.version + 1,
        updatedAt: now.toISOString(),
        exceptions: [...change.exceptions, ...outcome.exceptions],
      },
      expectedVersion: request.version,
      event: {
        action: request.action,
        fromState: change.state,
        toState: outcome.to,
        actor: actor.userEntityRef,
        at: now,
        comment: outcome.comment,
        fields: outcome.exceptions.length
          ? { ...outcome.eventFields, exceptions: outcome.exceptions }
          : outcome.eventFields,
      },
    });
    return this.view(updated, actor);
  }

  async getChange(id: string, actor: Actor): Promise<ChangeView> {
    await this.authorizeRead(actor);
    return this.view(await this.load(id), actor);
  }

  async listChanges(
    query: ChangeListQuery & { overdue?: boolean },
    actor: Actor,
  ): Promise<ChangeList> {
    await this.authorizeRead(actor);
    const { overdue, ...rest } = query;
    const { items, nextCursor } = await this.store.listChanges({
      ...rest,
      overdueAt: overdue ? this.clock.now() : undefined,
    });
    return { items: items.map(c => this.withOverdue(c)), nextCursor };
  }

  async listEvents(id: string, actor: Actor) {
    await this.authorizeRead(actor);
    await this.load(id);
    return { items: await this.store.listEvents(id) };
  }

  /** Reading changes, their events and the audit trail: one permission. */
  async authorizeRead(actor: Actor) {
    await this.authorize(changeReadPermission, actor, 'read changes');
  }

  /** Facts about the actor that the workflow needs. */
  workflowActor(actor: Actor): WorkflowActor {
    return {
      userEntityRef: actor.userEntityRef,
      isCto: holdsCtoRole(this.config, actor.ownershipEntityRefs),
    };
  }

  private async load(id: string): Promise<StoredChange> {
    const change = await this.store.getChange(id);
    if (!change) {
      throw new NotFoundError(`No change with id '${id}'`);
    }
    return change;
  }

  private checkVersion(change: StoredChange, version: number) {
    if (change.version !== version) {
      throw new ConflictError(
        `Change ${change.id} is at version ${change.version}, you sent ${version}: someone else acted on it; reload it and try again`,
      );
    }
  }

  private async authorize(
    permission: BasicPermission,
    actor: Actor,
    what: string,
  ) {
    const [decision] = await this.permissions.authorize([{ permission }], {
      credentials: actor.credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `The permission policy does not let you ${what}`,
      );
    }
  }

  private withOverdue(change: StoredChange) {
    return {
      ...change,
      overdue: isRetrospectiveOverdue(change, this.clock.now()),
    };
  }

  /** The change with the actions this caller may take now. */
  private async view(change: StoredChange, actor: Actor): Promise<ChangeView> {
    return {
      ...this.withOverdue(change),
      allowedActions: await allowedActionsFor(
        change,
        this.workflowActor(actor),
        actor.credentials,
        {
          allowSelfApproval: this.config.allowSelfApproval,
          permissions: this.permissions,
        },
      ),
    };
  }
}
