import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  PermissionCriteria,
  PolicyDecision,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  createConditionTransformer,
  PermissionRuleset,
} from '@backstage/plugin-permission-node';
import {
  ChangeAction,
  changeActionPermissions,
  changeAuditReadPermission,
  changeCreatePermission,
  changeReadPermission,
  Actor,
  checkAction,
  MACHINES,
  openActions,
} from '@trove/backstage-plugin-change-management-common';
import {
  ChangeFilter,
  ChangeResource,
} from '@trove/backstage-plugin-change-management-node';
import { StoredChange } from '../database/ChangeStore';
import { ChangeManagementConfig } from './config';
import { Clock } from './Clock';
import { Decisions, ReadDecisions } from './ReadDecisions';

/** Every permission on one change, asked of the policy together. */
const CHANGE_PERMISSIONS: ResourcePermission[] = [
  changeReadPermission,
  changeCreatePermission,
  ...Object.values(changeActionPermissions),
];

/**
 * Who an operation runs for, from Backstage auth only (see {@link Actors}):
 * the {@link Actor} every rule judges, a signed-in user or a pipeline's
 * service principal (its subject stands in `userEntityRef`), with the
 * credentials and ownership claims it was resolved from, for the
 * permission policy and the catalog.
 */
export interface Caller extends Actor {
  ownershipEntityRefs: string[];
  credentials: BackstageCredentials;
}

/**
 * Who may do what. The workflow owns the SOP's roles (author, reviewer,
 * CTO); the permission policy is where an organisation adds restrictions of
 * its own, possibly conditional on the change (its author, the owners of
 * what it affects). Both must agree before anything happens.
 */
export class ChangeAccessService {
  private readonly applies: (
    decision: PolicyDecision,
    resource: ChangeResource | undefined,
  ) => boolean;
  private readonly toFilter: (
    conditions: Parameters<ReturnType<typeof createConditionTransformer>>[0],
  ) => PermissionCriteria<ChangeFilter>;
  /**
   * The policy's decisions on {@link CHANGE_PERMISSIONS}, per actor. An
   * actor is made for one request (or one action of the actions registry),
   * so this spares a request one permission round trip per check, and
   * never outlives it.
   */
  private readonly decisions = new WeakMap<Caller, Promise<Decisions>>();

  /** Each user's decisions for reads, for a few seconds (config). */
  private readonly readDecisions: ReadDecisions;

  constructor(
    private readonly permissions: PermissionsService,
    private readonly config: ChangeManagementConfig,
    rules: PermissionRuleset<ChangeResource, ChangeFilter>,
    clock: Clock,
  ) {
    this.applies = createConditionAuthorizer(rules);
    this.toFilter = createConditionTransformer(rules);
    this.readDecisions = new ReadDecisions(config.readDecisionTtlMs, clock);
  }

  /**
   * The changes this actor may read, as a filter for the store: none when
   * the policy allows every change; refused when it allows none.
   */
  async readFilter(
    actor: Caller,
  ): Promise<PermissionCriteria<ChangeFilter> | undefined> {
    const decisions = await this.readDecisions.get(actor, () =>
      this.ask(actor),
    );
    const decision = decisions.get(changeReadPermission.name)!;
    if (decision.result === AuthorizeResult.DENY) {
      throw notAllowed('read changes');
    }
    return decision.result === AuthorizeResult.CONDITIONAL
      ? this.toFilter(decision.conditions)
      : undefined;
  }

  /**
   * Reading the audit evidence (the sample, the exceptions). The changes in
   * it are still filtered by {@link ChangeAccessService.readFilter}.
   */
  async authorizeAudit(credentials: BackstageCredentials): Promise<void> {
    const [decision] = await this.permissions.authorize(
      [{ permission: changeAuditReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw notAllowed('read the audit evidence');
    }
  }

  /** Reading one change, its events included. */
  async authorizeRead(actor: Caller, resource: ChangeResource) {
    await this.require(changeReadPermission, actor, resource, 'read changes');
  }

  /** Raising a change: the policy's conditions are judged on the draft. */
  async authorizeCreate(actor: Caller, draft: ChangeResource) {
    await this.require(changeCreatePermission, actor, draft, 'create changes');
  }

  /** A pipeline records actions only where config allows it. */
  authorizeRecording(actor: Caller) {
    if (actor.isService && !this.config.allowCiRecording) {
      throw new NotAllowedError(
        'Pipelines may not record actions here; set changeManagement.ci.allowRecording to let them record deploy and roll-back',
      );
    }
  }

  async authorizeAction(
    action: ChangeAction,
    actor: Caller,
    resource: ChangeResource,
  ) {
    await this.require(
      changeActionPermissions[action],
      actor,
      resource,
      `${action} this change`,
    );
  }

  /**
   * The actions this caller may take on the change now: those the workflow
   * opens to them, that the permission policy grants too, asked in one
   * batched call. Fields and the freeze are judged when they act.
   */
  async allowedActions(
    change: StoredChange,
    resource: ChangeResource,
    actor: Caller,
  ): Promise<ChangeAction[]> {
    const ownerRefs = resource.affected.map(e => e.ownerRef);
    const candidates = openActions(change).filter(
      action =>
        checkAction(change, action, actor, {
          allowSelfApproval: this.config.allowSelfApproval,
          ownerRefs,
        }).ok,
    );
    const granted = await this.decide(
      candidates.map(action => changeActionPermissions[action]),
      actor,
      resource,
    );
    return candidates.filter((_, i) => granted[i]);
  }

  private async require(
    permission: ResourcePermission,
    actor: Caller,
    resource: ChangeResource,
    what: string,
  ) {
    const [granted] = await this.decide([permission], actor, resource);
    if (!granted) {
      throw notAllowed(what);
    }
  }

  /**
   * Asks the policy now for everything this actor's checks on a change will
   * need, so that the round trip runs beside the caller's reads. An action
   * is judged on decisions asked anew.
   */
  async prefetch(actor: Caller): Promise<void> {
    await this.decisionsFor(actor, CHANGE_PERMISSIONS);
  }

  /**
   * As {@link ChangeAccessService.prefetch}, for taking `action`: only what
   * judging it and answering with the actions then open can need (see
   * {@link permissionsToTake}). A permission the guess missed is asked
   * when it is needed.
   */
  async prefetchToTake(actor: Caller, action: ChangeAction): Promise<void> {
    await this.decisionsFor(actor, permissionsToTake(action));
  }

  /**
   * As {@link ChangeAccessService.prefetch}, for a read of one change: the
   * user's decisions of the last few seconds answer whether they may read
   * it and which actions it offers them (acting asks anew).
   */
  async prefetchForRead(actor: Caller): Promise<void> {
    if (!this.decisions.has(actor)) {
      this.decisions.set(
        actor,
        this.readDecisions.get(actor, () => this.ask(actor)),
      );
    }
    await this.decisions.get(actor);
  }

  /**
   * The policy's decisions on a change. Conditions are applied here to the
   * resource already in hand, which spares the permission backend a round
   * trip back to this plugin.
   */
  private async decide(
    permissions: ResourcePermission[],
    actor: Caller,
    resource: ChangeResource,
  ): Promise<boolean[]> {
    if (permissions.length === 0) {
      return [];
    }
    // Asked first here, rather than prefetched: everything the request may
    // still check, in the same round trip.
    const decisions = await this.decisionsFor(
      actor,
      this.decisions.has(actor) ? permissions : CHANGE_PERMISSIONS,
    );
    return permissions.map(permission =>
      this.applies(decisions.get(permission.name)!, resource),
    );
  }

  /**
   * The decisions on these permissions, and on those asked before for this
   * actor. Conditional decisions do not depend on the change, so one
   * batched call, made ahead by a prefetch, answers every check of the
   * request: reading, the action, and the actions offered in the answer.
   * Only what was not asked yet is asked, in turn after the asks under way.
   */
  private decisionsFor(
    actor: Caller,
    permissions: ResourcePermission[],
  ): Promise<Decisions> {
    const asked = this.decisions.get(actor) ?? Promise.resolve(new Map());
    const decisions = asked.then(async known => {
      const missing = permissions.filter(p => !known.has(p.name));
      if (missing.length === 0) {
        return known;
      }
      const answers = await this.permissions.authorizeConditional(
        missing.map(permission => ({ permission })),
        { credentials: actor.credentials },
      );
      return new Map([
        ...known,
        ...missing.map((p, i) => [p.name, answers[i]] as const),
      ]);
    });
    this.decisions.set(actor, decisions);
    return decisions;
  }

  /** One round trip to the policy: every permission on a change. */
  private async ask(actor: Caller): Promise<Decisions> {
    const answers = await this.permissions.authorizeConditional(
      CHANGE_PERMISSIONS.map(permission => ({ permission })),
      { credentials: actor.credentials },
    );
    return new Map(CHANGE_PERMISSIONS.map((p, i) => [p.name, answers[i]]));
  }
}

/**
 * The actions that may be open on a change once an action is taken: those
 * out of every state its edges lead to, on any machine.
 */
const ACTIONS_AFTER = new Map(
  (Object.keys(changeActionPermissions) as ChangeAction[]).map(action => [
    action,
    MACHINES.flatMap(({ machine }) =>
      Object.values(machine).flatMap(edges => {
        const edge = edges?.[action];
        return edge
          ? (Object.keys(machine[edge.to] ?? {}) as ChangeAction[])
          : [];
      }),
    ),
  ]),
);

/**
 * The permissions taking `action` is judged by (read, the action, and
 * create for an edit, whose entities are judged as a new draft's), with
 * those of the actions it may open, which the answer offers. Fewer than
 * all keep the policy's answer small: above 1 kB it is compressed and
 * decompressed on every action. A change that goes elsewhere than its
 * edge leads (a failed staging check back to draft) has what it offers
 * asked then.
 */
function permissionsToTake(action: ChangeAction): ResourcePermission[] {
  const actions = new Set([action, ...ACTIONS_AFTER.get(action)!]);
  return [
    changeReadPermission,
    ...(action === 'edit' ? [changeCreatePermission] : []),
    ...[...actions].map(a => changeActionPermissions[a]),
  ];
}

function notAllowed(what: string) {
  return new NotAllowedError(`The permission policy does not let you ${what}`);
}
