import { Entity } from '@backstage/catalog-model';
import { randomUUID } from 'node:crypto';
import { ChangePullRequestReader } from '@trove/backstage-plugin-change-management-node';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ActionRequest,
  applyAction,
  bindingRiskPolicies,
  Change,
  ChangeDetail,
  changeDraftSchema,
  ChangeList,
  ChangeRisk,
  ChangeState,
  ChangeType,
  ChangeView,
  isRetrospectiveOverdue,
  plannedWindowIssues,
  QueueCounts,
} from '@trove/backstage-plugin-change-management-common';
import { ChangeResource } from '@trove/backstage-plugin-change-management-node';
import {
  AffectedEntity,
  ChangeStore,
  ListOrder,
  StoredChange,
} from '../database/ChangeStore';
import {
  inputError,
  parseInput,
  refusalError,
  StaleVersionError,
} from '../errors';
import { readAffectedEntities } from './affectedEntities';
import { Caller, ChangeAccessService } from './ChangeAccessService';
import { Clock } from './Clock';
import { ChangeManagementMetrics } from './ChangeManagementMetrics';
import { checkCausedBy } from './causedBy';
import { afterAction, newDraft } from './changeRecord';
import { ChangeManagementConfig } from './config';
import { FreezeService } from './FreezeService';
import { LandscapeService } from './LandscapeService';
import { actionEffects } from './outboxHandlers';
import { publicationEffects } from './ChangePublisher';
import { RiskService } from './RiskService';
import { PullRequestService } from './PullRequestService';

/** A list request, as the router reads it from the query string. */
export interface ListChangesRequest {
  /** The entity, or for a System everything that is part of it. */
  entityRef?: string;
  states?: ChangeState[];
  type?: ChangeType;
  author?: string;
  /** Only what waits on the caller (docs/workflow.md, "Who acts next"). */
  needsActionByMe?: boolean;
  /** Only submitted changes that still wait on someone. */
  inFlight?: boolean;
  /** Only emergencies whose retrospective is past due. */
  overdue?: boolean;
  /** Text the title contains, ignoring case. */
  q?: string;
  /** The change's pull request URL, exactly (issue 20, the GitHub module). */
  pullRequestUrl?: string;
  /** A commit its recorded deploy names (issue 20, the GitHub module). */
  commitSha?: string;
  /** Newest first, or emergencies first (the queues). */
  order?: ListOrder;
  limit: number;
  cursor?: string;
}

/** The entities a change affects, with the Systems they belonged to. */
export function affectedRefs(change: StoredChange): string[] {
  return [...change.affectedEntityRefs, ...change.affectedSystemRefs];
}

/** The CTO's signatures, whose events record the risk the CTO saw. */
const CTO_SIGNATURES: ActionRequest['action'][] = ['approve', 'sign-off'];

/** A change with these affected entities and their Systems. */
function withEntities(
  change: StoredChange,
  entities: AffectedEntity[],
): StoredChange {
  return {
    ...change,
    affectedEntityRefs: entities.map(e => e.entityRef),
    affectedSystemRefs: [
      ...new Set(entities.flatMap(e => (e.systemRef ? [e.systemRef] : []))),
    ],
  };
}

/** A stored change as of a time: `overdue` depends on the clock. */
export function asOf<T extends StoredChange>(
  change: T,
  now: Date,
): T & Pick<Change, 'overdue'> {
  return { ...change, overdue: isRetrospectiveOverdue(change, now) };
}

/**
 * Changes and their workflow: judges every request with the shared
 * workflow, asks the access rules, and hands the store one change row and
 * one event to write together. It makes no HTTP calls of its own and trusts
 * nothing but the actor handed to it by the router.
 */
export class ChangeService {
  constructor(
    private readonly store: ChangeStore,
    private readonly catalog: CatalogService,
    private readonly access: ChangeAccessService,
    private readonly freeze: FreezeService,
    private readonly config: ChangeManagementConfig,
    private readonly clock: Clock,
    /** The delivery loop, woken once an action's side effects are stored. */
    private readonly outbox: { wake(): void },
    private readonly metrics: ChangeManagementMetrics,
    /** Planned windows' warnings and conflicts (issue 21). */
    private readonly landscape: LandscapeService,
    /** The risk assessment (issue 24). */
    private readonly risk: RiskService,
    /** Reads the linked pull request on submit, where a module sets one (issue 20). */
    private readonly pullRequestReader?: ChangePullRequestReader,
    /** The PR's snapshots and warnings (issue 20). */
    private readonly pullRequests?: PullRequestService,
  ) {}

  async createChange(body: unknown, actor: Caller): Promise<ChangeView> {
    const input = parseInput(() => changeDraftSchema.parse(body));
    const windowIssues = plannedWindowIssues(input);
    if (windowIssues.length) {
      throw inputError(
        windowIssues.map(i => i.message).join('; '),
        windowIssues,
      );
    }
    const { affected: entities, entities: read } = await readAffectedEntities(
      input.affectedEntityRefs,
      this.catalog,
      actor.credentials,
    );
    const resource = { createdBy: actor.userEntityRef, affected: entities };
    await this.access.authorizeCreate(actor, resource);
    const now = this.clock.now();
    const id = randomUUID();
    await checkCausedBy(
      { store: this.store, access: this.access, actor },
      { id, type: input.type, createdAt: now.toISOString() },
      input.causedBy,
    );
    const { affectedEntityRefs: _refs, ...draft } = input;
    const change = newDraft({
      id,
      draft,
      by: actor.userEntityRef,
      at: now.toISOString(),
    });
    // Issue 24: assessed as raised; the event records it, for the replay.
    const risk = await this.risk.assess(
      withEntities(change, entities),
      actor,
      read,
    );
    const created = await this.store.createChange({
      change: { ...change, risk },
      entities,
      event: {
        action: 'create',
        toState: 'draft',
        actor: actor.userEntityRef,
        at: now,
        fields: {
          ...input,
          affectedEntityRefs: entities.map(e => e.entityRef),
          ...(risk && { risk }),
        },
      },
      // Its event and signal go in the outbox, in its transaction.
      effects: written =>
        publicationEffects(
          {
            action: 'create',
            change: written,
            actor: actor.userEntityRef,
            ownerRefs: entities.map(e => e.ownerRef),
            at: now,
          },
          this.config,
        ),
    });
    this.metrics.recordAction('create', created.type);
    this.outbox.wake();
    const [view, windowWarnings, pullRequestWarnings] = await Promise.all([
      this.view(created, actor, resource),
      this.landscape.warningsOf(created),
      this.pullRequestWarnings(created, actor),
    ]);
    return { ...view, windowWarnings, pullRequestWarnings };
  }

  /**
   * Takes a workflow action, `edit` of a draft included; every rule of
   * docs/workflow.md is judged here, before the permission policy is asked.
   */
  async act(
    id: string,
    request: ActionRequest,
    actor: Caller,
  ): Promise<ChangeView> {
    this.access.authorizeRecording(actor);
    const [{ change, resource: current }] = await Promise.all([
      this.load(id),
      this.access.prefetchToTake(actor, request.action),
    ]);
    // Who may not read the change learns nothing about it, not even its
    // version or state through a refusal.
    await this.access.authorizeRead(actor, current);
    if (change.version !== request.version) {
      throw new StaleVersionError(
        `Change ${change.id} is at version ${change.version}, you sent ${request.version}: someone else acted on it; reload it and try again`,
        change.version,
      );
    }
    const now = this.clock.now();
    // Blackouts are read from the catalog only where they matter: a deploy.
    const production = await this.freeze.production(
      now,
      request.action === 'deploy' ? affectedRefs(change) : [],
    );
    // Issue 24: a submit is judged on the risk it assesses now, which the
    // change then stores (riskOf), so a policy reads what the CTO will see.
    const assessed =
      request.action === 'submit'
        ? await this.risk.assess(change, actor)
        : undefined;
    const judged =
      request.action === 'submit' ? { ...change, risk: assessed } : change;
    const outcome = applyAction(asOf(judged, now), request, {
      actor,
      ownerRefs: current.affected.map(e => e.ownerRef),
      now,
      allowSelfApproval: this.config.allowSelfApproval,
      riskPolicies: this.config.riskPolicies,
      workingHours: this.config.workingHours,
      ...production,
    });
    if (!outcome.ok) {
      throw refusalError(outcome);
    }
    // An edit names the affected entities again: check them in the catalog,
    // and let the policy judge the change as it will be.
    const read =
      request.action === 'edit'
        ? await readAffectedEntities(
            request.affectedEntityRefs,
            this.catalog,
            actor.credentials,
          )
        : undefined;
    const entities = read?.affected;
    const next = entities
      ? { createdBy: change.createdBy, affected: entities }
      : current;
    await this.access.authorizeAction(request.action, actor, next);
    if (entities) {
      // An edit may not take a draft where its author could not raise one.
      await this.access.authorizeCreate(actor, next);
    }
    if (request.action === 'submit') {
      await this.checkPullRequest(change.pullRequestUrl);
    }
    // An edit that links another PR is read as a submit reads it.
    if (
      request.action === 'edit' &&
      request.pullRequestUrl !== change.pullRequestUrl
    ) {
      await this.checkPullRequest(request.pullRequestUrl);
    }
    if (request.action === 'edit') {
      await checkCausedBy(
        { store: this.store, access: this.access, actor },
        change,
        request.causedBy,
      );
    }
    const after = afterAction(
      change,
      outcome,
      outcome.exceptions,
      now.toISOString(),
    );
    const risk = await this.riskOf(
      request.action,
      after,
      read,
      actor,
      assessed,
    );
    // Issue 20: the event records the PR as it was when the action was taken.
    const pullRequest = await this.pullRequests?.snapshotFor(
      request.action,
      change,
    );
    this.pullRequests?.checkRules(request.action, change, pullRequest);
    const fields = {
      ...outcome.eventFields,
      ...(entities && { affectedEntityRefs: entities.map(e => e.entityRef) }),
      ...risk.fields,
      ...(pullRequest && { pullRequest }),
    };
    const updated = await this.store.updateChange({
      change: { ...after, risk: risk.stored },
      expectedVersion: request.version,
      entities,
      event: {
        action: request.action,
        fromState: change.state,
        toState: outcome.to,
        actor: actor.userEntityRef,
        at: now,
        comment: outcome.comment,
        fields: outcome.exceptions.length
          ? { ...fields, exceptions: outcome.exceptions }
          : fields,
      },
      // The notices, event and signal go in the outbox, in the action's
      // transaction.
      effects: written => {
        const accepted = {
          action: request.action,
          fromState: change.state,
          change: written,
          actor: actor.userEntityRef,
        };
        return [
          ...actionEffects(accepted, this.config.notifications),
          ...publicationEffects(
            {
              ...accepted,
              ownerRefs: next.affected.map(e => e.ownerRef),
              at: now,
            },
            this.config,
          ),
        ];
      },
    });
    this.metrics.recordAction(request.action, updated.type);
    this.outbox.wake();
    // The resource as judged above is the change's as stored: an edit wrote
    // the entities `next` names.
    const view = await this.view(updated, actor, next);
    if (request.action !== 'edit') return view;
    const [windowWarnings, pullRequestWarnings] = await Promise.all([
      this.landscape.warningsOf(updated),
      this.pullRequestWarnings(updated, actor),
    ]);
    return { ...view, windowWarnings, pullRequestWarnings };
  }

  /** One change for its page: also whether and why it may deploy now. */
  async getChange(id: string, actor: Caller): Promise<ChangeDetail> {
    const [{ change, resource }] = await Promise.all([
      this.load(id),
      this.access.prefetchForRead(actor),
    ]);
    await this.access.authorizeRead(actor, resource);
    const [view, deployVerdict, windowWarnings, conflicts] = await Promise.all([
      this.view(change, actor, resource),
      this.freeze.deployVerdict(change, affectedRefs(change), this.clock.now()),
      this.landscape.warningsOf(change),
      this.landscape.conflictsOf(change, actor),
    ]);
    const riskPolicies = bindingRiskPolicies(change, this.config.riskPolicies);
    return { ...view, windowWarnings, deployVerdict, conflicts, riskPolicies };
  }

  async listChanges(
    request: ListChangesRequest,
    actor: Caller,
  ): Promise<ChangeList> {
    if (request.needsActionByMe && actor.isService) {
      throw new InputError(
        'needsActionBy=me lists what waits on a user; a service takes no step',
      );
    }
    const permissionFilter = await this.access.readFilter(actor);
    const now = this.clock.now();
    const { items, nextCursor } = await this.store.listChanges({
      permissionFilter,
      entityRef: request.entityRef,
      states: request.states,
      type: request.type,
      createdBy: request.author,
      waitingOn: request.needsActionByMe ? actor : undefined,
      allowSelfApproval: this.config.allowSelfApproval,
      inFlight: request.inFlight,
      overdueAt: request.overdue ? now : undefined,
      titleContains: request.q,
      pullRequestUrl: request.pullRequestUrl,
      commitSha: request.commitSha,
      order: request.order,
      limit: request.limit,
      cursor: request.cursor,
    });
    // Issue 20: the CTO's queue warns of the PR from the snapshots kept.
    const warnings = await this.pullRequests?.listWarnings(items);
    return {
      items: items.map(c => {
        const pullRequestWarnings = warnings?.get(c.id);
        const item = asOf(c, now);
        return pullRequestWarnings ? { ...item, pullRequestWarnings } : item;
      }),
      nextCursor,
    };
  }

  /** A linked pull request that the reader cannot read is a bad field. */
  private async checkPullRequest(url: string | undefined) {
    const problem =
      url && this.pullRequestReader
        ? await this.pullRequestReader.problemWith(url)
        : undefined;
    if (problem) {
      throw inputError(problem, [{ path: 'pullRequestUrl', message: problem }]);
    }
  }

  /** The form's warnings on the linked PR; none without a reader. */
  private pullRequestWarnings(change: StoredChange, actor: Caller) {
    return (
      this.pullRequests?.repositoryWarnings(
        change.pullRequestUrl,
        change.affectedEntityRefs,
        actor,
      ) ?? Promise.resolve(undefined)
    );
  }

  /** The caller's queues counted, with the same filters as their lists. */
  async countQueues(actor: Caller): Promise<QueueCounts> {
    const permissionFilter = await this.access.readFilter(actor);
    const { allowSelfApproval } = this.config;
    const count = this.store.countChanges.bind(this.store);
    const [needsAction, inFlight, overdue] = await Promise.all([
      count({ permissionFilter, waitingOn: actor, allowSelfApproval }),
      count({ permissionFilter, inFlight: true }),
      count({ permissionFilter, overdueAt: this.clock.now() }),
    ]);
    return { needsAction, inFlight, overdue };
  }

  async listEvents(id: string, actor: Caller) {
    const [{ resource }] = await Promise.all([
      this.load(id),
      this.access.prefetchForRead(actor),
    ]);
    await this.access.authorizeRead(actor, resource);
    return { items: await this.store.listEvents(id) };
  }

  /**
   * Issue 24: the risk an action stores and what its event records. An
   * edit and a submit assess it again and record it (the replay reads it
   * from there); an approval records the stored assessment, the one the
   * CTO saw, so that the chain shows the risk as it was when signed.
   */
  private async riskOf(
    action: ActionRequest['action'],
    after: StoredChange,
    /** An edit's affected entities, as it read them. */
    read: { affected: AffectedEntity[]; entities: Entity[] } | undefined,
    actor: Caller,
    /** A submit's assessment, made before it was judged. */
    assessed: ChangeRisk | undefined,
  ): Promise<{ stored?: ChangeRisk; fields: { risk?: ChangeRisk } }> {
    if (action === 'submit') {
      return { stored: assessed, fields: assessed ? { risk: assessed } : {} };
    }
    if (action === 'edit') {
      const risk = await this.risk.assess(
        read ? withEntities(after, read.affected) : after,
        actor,
        read?.entities,
      );
      return { stored: risk, fields: risk ? { risk } : {} };
    }
    return {
      stored: after.risk,
      fields:
        CTO_SIGNATURES.includes(action) && after.risk
          ? { risk: after.risk }
          : {},
    };
  }

  /** The change and what the permission rules see of it, or a 404. */
  private async load(id: string) {
    const found = await this.store.getChangeAndResource(id);
    if (!found) {
      throw new NotFoundError(`No change with id '${id}'`);
    }
    return found;
  }

  /** What the permission rules see of a stored change. */
  private async resource(id: string): Promise<ChangeResource> {
    const [resource] = await this.store.getPermissionResources([id]);
    if (!resource) {
      throw new NotFoundError(`No change with id '${id}'`);
    }
    return resource;
  }

  /** The change with the actions this caller may take now. */
  private async view(
    change: StoredChange,
    actor: Caller,
    resource?: ChangeResource,
  ): Promise<ChangeView> {
    return {
      ...asOf(change, this.clock.now()),
      allowedActions: await this.access.allowedActions(
        change,
        resource ?? (await this.resource(change.id)),
        actor,
      ),
    };
  }
}
