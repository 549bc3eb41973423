import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  engineerScope,
  ReaderWords,
  timeLabel,
  waitsOnActor,
} from '@trove/backstage-plugin-change-management-common';
import { actionPayload } from './actionWording';
import { ChangeManagementConfig } from './config';
import { CatalogGraph } from './CatalogGraph';
import { ClockEvent, clockWording } from './clockWording';
import { CtoRoleHolders } from './CtoRoleHolders';
import { DisplayNames } from './DisplayNames';
import {
  AcceptedAction,
  ActionNoticeKind,
  ClockNoticeKind,
  Notice,
  noticeKinds,
  noticeScope,
  whereTo,
} from './notices';
import {
  lockdownNotice,
  LockdownNoticeEvent,
  lockdownOwners,
} from './lockdownNotice';

/**
 * Who to tell and what after a workflow action: the parties the change now
 * waits on, resolved from the catalog in a few batched calls per action,
 * sent through the Backstage notifications service. The outbox calls it
 * after the action's commit, and again while it fails.
 */
export class ChangeNotifier {
  constructor(
    private readonly notifications: NotificationService,
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly config: Pick<
      ChangeManagementConfig,
      'ctoRefs' | 'engineers' | 'notifications' | 'allowSelfApproval' | 'freeze'
    >,
    private readonly ctoHolders: CtoRoleHolders,
    /**
     * The catalog's answers by ref for the plugin's own reads (names and
     * the graph of recipients), reused for a few seconds (RecentEntities):
     * a burst of actions on the same entities reads them once. Defaults
     * to the catalog itself.
     */
    private readonly byRefs: Pick<
      CatalogService,
      'getEntitiesByRefs'
    > = catalog,
  ) {}

  /**
   * Sends the notices of one event, each keyed by its scope. All are
   * tried; if any failed, throws, so that the outbox tries them again (the
   * ones that went are then updated in place, not repeated).
   */
  async send(
    eventId: string,
    notices: Notice[],
    excludeEntityRef?: string,
  ): Promise<void> {
    const results = await Promise.allSettled(
      notices.map(notice =>
        this.notifications.send({
          recipients: {
            type: 'entity',
            entityRef: notice.recipients,
            ...(excludeEntityRef ? { excludeEntityRef } : {}),
          },
          payload: {
            ...notice.payload,
            scope: noticeScope(eventId, notice.kind),
          },
        }),
      ),
    );
    const failed = results.flatMap((result, i) =>
      result.status === 'rejected'
        ? [
            `${notices[i].kind}: ${String(
              result.reason?.message ?? result.reason,
            )}`,
          ]
        : [],
    );
    if (failed.length > 0) {
      throw new Error(
        `Could not send ${failed.length} of ${
          notices.length
        } notices (${failed.join('; ')})`,
      );
    }
  }

  /**
   * Issue 24: the notice of a lockdown declared or lifted, to the owners
   * of what it covers, planned from the catalog when sent.
   */
  async planLockdown(event: LockdownNoticeEvent): Promise<Notice[]> {
    const owners = await lockdownOwners(
      this.catalog,
      await this.auth.getOwnServiceCredentials(),
      event.lockdown.entityRef,
    );
    return owners.length ? [lockdownNotice(event, owners)] : [];
  }

  /** The users who hold the CTO role (CtoRoleHolders). */
  async ctoUsers(): Promise<string[]> {
    return this.ctoHolders.users();
  }

  /**
   * How notices name these users and entities, from the catalog in one
   * batched call, and write times: in the freeze calendar's zone, which
   * each time names, as the recipients' own zones are not known here.
   */
  async words(refs: string[]): Promise<ReaderWords> {
    const credentials = await this.auth.getOwnServiceCredentials();
    const names = new DisplayNames(this.byRefs, credentials);
    await names.load(refs);
    const zone = this.config.freeze.timeZone;
    return { name: names.nameOf, time: iso => timeLabel(iso, zone) };
  }

  /**
   * The notices of the clock: before the deadline, a reminder to the
   * author; at it, a critical escalation to the CTO role's users and a
   * notice to the author, unless the author holds the role and has the
   * escalation already.
   */
  clockNotices(
    event: ClockEvent,
    ctoUsers: string[],
    words: ReaderWords,
  ): Notice[] {
    const settings = this.config.notifications;
    const author = event.change.createdBy;
    const to = (audience: 'author' | 'cto') => ({
      ...clockWording(event, audience, words),
      ...whereTo(event.change.id),
    });
    const notices: (Notice & { kind: ClockNoticeKind })[] =
      event.threshold === 'reminder'
        ? [{ kind: 'reminder', recipients: [author], payload: to('author') }]
        : [
            { kind: 'overdue', recipients: ctoUsers, payload: to('cto') },
            {
              kind: 'overdue',
              recipients: ctoUsers.includes(author) ? [] : [author],
              payload: to('author'),
            },
          ];
    return notices.filter(
      notice => settings[notice.kind] && notice.recipients.length > 0,
    );
  }

  /** The notices an action calls for, with their recipients resolved. */
  async plan(event: AcceptedAction): Promise<Notice[]> {
    const { change, actor } = event;
    const settings = this.config.notifications;
    const kinds = noticeKinds(event).filter(kind => settings[kind]);
    if (kinds.length === 0) {
      return [];
    }
    // Only the catalog reads the kinds need: a decision, the most common
    // notice, goes to the author and needs none.
    const needs = (...wanted: ActionNoticeKind[]) =>
      kinds.some(kind => wanted.includes(kind));
    const credentials = await this.auth.getOwnServiceCredentials();
    // The CTO groups are read with the others: whether a CTO-role holder
    // may review depends on who else holds the role.
    const graph = await CatalogGraph.load(this.byRefs, credentials, {
      entityRefs: needs('review', 'dependents', 'emergency')
        ? change.affectedEntityRefs
        : [],
      userRef: needs('review') ? change.createdBy : undefined,
      dependents: needs('dependents'),
      groupRefs: [
        ...(needs('cto', 'emergency', 'review') ? this.config.ctoRefs : []),
        ...(needs('review') ? this.config.engineers.exclude : []),
      ],
    });
    const author = change.createdBy;
    const words = await this.words([
      author,
      actor,
      ...change.affectedEntityRefs,
    ]);
    const notices = await Promise.all(
      kinds.map(async kind => {
        const recipients =
          kind === 'review'
            ? await this.reviewers(graph, event, credentials)
            : this.recipients(kind, graph, author);
        return {
          kind,
          // Nobody is told of their own action.
          recipients: [...new Set(recipients)]
            .filter(ref => ref !== actor)
            .sort(),
          payload: actionPayload(kind, event, words),
        };
      }),
    );
    return notices.filter(notice => notice.recipients.length > 0);
  }

  private recipients(
    kind: Exclude<ActionNoticeKind, 'review'>,
    graph: CatalogGraph,
    author: string,
  ): string[] {
    const ctos = () => graph.users(this.config.ctoRefs);
    const byKind: Record<typeof kind, () => string[]> = {
      cto: ctos,
      decision: () => [author],
      dependents: () => graph.users(graph.dependentOwners),
      emergency: () => [...ctos(), ...graph.users(graph.owners)],
    };
    return byKind[kind]();
  }

  /**
   * The members of the groups that own the affected entities whom the
   * change waits on as its reviewer, by the judge of "needs my action"
   * (`waitsOnActor`): not the author, engineers for the change, asked with
   * the groups the catalog names them in, and not a CTO-role holder whose
   * review would leave nobody to approve it. When that leaves nobody, every
   * such engineer, capped: the other members of the author's own groups
   * first, as the nearest to the work, then the catalog's other users by
   * name (one more catalog call, only then).
   */
  private async reviewers(
    graph: CatalogGraph,
    { change }: AcceptedAction,
    credentials: BackstageCredentials,
  ): Promise<string[]> {
    const roles = this.config.engineers;
    const ctos = graph.users(this.config.ctoRefs);
    const mayReview = (ref: string) =>
      waitsOnActor(
        change,
        {
          userEntityRef: ref,
          isCto: ctos.includes(ref),
          otherCtos: ctos.filter(other => other !== ref),
          engineerOf: engineerScope(graph.ownershipRefs(ref), roles),
        },
        {
          allowSelfApproval: this.config.allowSelfApproval,
          ownerRefs: graph.owners,
        },
      );
    const eligible = (refs: string[]) =>
      [...new Set(refs)].filter(mayReview).sort();
    const owners = eligible(graph.users(graph.owners));
    // With ownersOnly, nobody outside the owner groups is an engineer for
    // the change: there is no one else to look for.
    if (owners.length > 0 || roles.ownersOnly) {
      return owners;
    }
    const cap = this.config.notifications.reviewerCap;
    const nearest = eligible(graph.users(graph.authorGroups));
    if (nearest.length >= cap) {
      return nearest.slice(0, cap);
    }
    const { items } = await this.catalog.queryEntities(
      {
        filter: { kind: 'user' },
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
        orderFields: { field: 'metadata.name', order: 'asc' },
        // Enough to fill the cap after the author, the excluded and the
        // nearest are skipped.
        limit: cap + 1 + graph.users(roles.exclude).length + nearest.length,
      },
      { credentials },
    );
    const others = eligible(items.map(user => stringifyEntityRef(user))).filter(
      ref => !nearest.includes(ref),
    );
    return [...nearest, ...others].slice(0, cap);
  }
}
