import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import {
  ACTION_LABELS,
  ChangeAction,
  changePagePath,
  ChangeState,
  engineerScope,
  EVENT_LABELS,
  isEngineerFor,
  nextSteps,
  RETROSPECTIVE_DUE_WORDS,
  STATE_LABELS,
  transitionFor,
  waitsOn,
} from '@trove/backstage-plugin-change-management-common';
import { StoredChange } from '../database/ChangeStore';
import { ChangeManagementConfig, NotificationsConfig } from './config';
import { CatalogGraph } from './CatalogGraph';
import { asNotice, ClockEvent, clockWording, Wording } from './clockWording';

/** A workflow action the store has accepted, as the notifier reads it. */
export interface AcceptedAction {
  action: ChangeAction;
  fromState: ChangeState;
  /** The change as stored after the action. */
  change: StoredChange;
  /** Who took the action; never told about it. */
  actor: string;
}

/** The kinds of notice switched by `changeManagement.notifications`. */
type SwitchedNoticeKind = keyof Omit<NotificationsConfig, 'reviewerCap'>;

/**
 * The kinds of notice: those config switches, and the failed verification
 * of the audit trail, which is always sent.
 */
export type NoticeKind = SwitchedNoticeKind | 'verification';

/** The notices of the plugin's clock, rather than of an action. */
type ClockNoticeKind = 'reminder' | 'overdue';
type ActionNoticeKind = Exclude<SwitchedNoticeKind, ClockNoticeKind>;

type Payload = NotificationSendOptions['payload'];

/** One notification to send: what, and the user entity refs told. */
export interface Notice {
  kind: NoticeKind;
  recipients: string[];
  payload: Payload;
}

/**
 * The kinds of notice an accepted action calls for, from the workflow in
 * -common: whom the change now waits on, which role took the step, and
 * whether it went to production.
 */
export function noticeKinds(event: AcceptedAction): ActionNoticeKind[] {
  const { change, action, fromState } = event;
  const kinds: ActionNoticeKind[] = [];
  const parties = waitsOn(change);
  if (parties.includes('reviewer')) {
    kinds.push('review');
  }
  if (parties.includes('cto')) {
    kinds.push('cto');
  }
  // A decision is a step the author could not take: a peer's or the CTO's.
  const role = transitionFor(change.type, fromState, action)?.role;
  if (role === 'reviewer' || role === 'cto') {
    kinds.push('decision');
  }
  if (action === 'deploy') {
    kinds.push(change.type === 'emergency' ? 'emergency' : 'dependents');
  }
  return kinds;
}

/**
 * The scope of a notice: the notifications backend keeps one notification
 * per user, origin and scope, and updates it when the same scope comes
 * again. The outbox delivers at least once; keyed by its event and kind, a
 * notice delivered twice reaches each user once.
 */
export function noticeScope(eventId: string, kind: NoticeKind): string {
  return `change-management:${eventId}:${kind}`;
}

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
      'ctoRefs' | 'engineers' | 'notifications'
    >,
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

  /** The users who hold the CTO role, from the catalog in one or two calls. */
  async ctoUsers(): Promise<string[]> {
    const credentials = await this.auth.getOwnServiceCredentials();
    const graph = await CatalogGraph.load(this.catalog, credentials, {
      entityRefs: [],
      dependents: false,
      groupRefs: this.config.ctoRefs,
    });
    return [...new Set(graph.users(this.config.ctoRefs))].sort();
  }

  /**
   * The notices of the clock: before the deadline, a reminder to the
   * author; at it, a critical escalation to the CTO role's users and a
   * notice to the author, unless the author holds the role and has the
   * escalation already.
   */
  clockNotices(event: ClockEvent, ctoUsers: string[]): Notice[] {
    const settings = this.config.notifications;
    const author = event.change.createdBy;
    const to = (audience: 'author' | 'cto') => ({
      ...clockWording(event, audience),
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
    const graph = await CatalogGraph.load(this.catalog, credentials, {
      entityRefs: needs('review', 'dependents', 'emergency')
        ? change.affectedEntityRefs
        : [],
      userRef: needs('review') ? change.createdBy : undefined,
      dependents: needs('dependents'),
      groupRefs: [
        ...(needs('cto', 'emergency') ? this.config.ctoRefs : []),
        ...(needs('review') ? this.config.engineers.exclude : []),
      ],
    });
    const author = change.createdBy;
    const notices = await Promise.all(
      kinds.map(async kind => {
        const recipients =
          kind === 'review'
            ? await this.reviewers(graph, author, credentials)
            : this.recipients(kind, graph, author);
        return {
          kind,
          // Nobody is told of their own action.
          recipients: [...new Set(recipients)]
            .filter(ref => ref !== actor)
            .sort(),
          payload: payloadFor(kind, event),
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
   * The members of the groups that own the affected entities who may review
   * it: not the author, and engineers for the change by the same judge as
   * ChangeAccessService (`isEngineerFor`), asked with the groups the catalog names
   * them in. When that leaves nobody, every engineer who can review, capped:
   * the other members of the author's own groups first, as the nearest to
   * the work, then the catalog's other users by name (one more catalog call,
   * only then).
   */
  private async reviewers(
    graph: CatalogGraph,
    author: string,
    credentials: BackstageCredentials,
  ): Promise<string[]> {
    const roles = this.config.engineers;
    const mayReview = (ref: string) =>
      ref !== author &&
      isEngineerFor(
        engineerScope(graph.ownershipRefs(ref), roles),
        graph.owners,
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

/** Every notice of a change links to its page, under the change's topic. */
function whereTo(id: string): Pick<Payload, 'link' | 'topic'> {
  return { link: changePagePath(id), topic: `change:${id}` };
}

/** A label inside a sentence: "awaiting approval". */
const lower = (label: string) => label.toLocaleLowerCase('en-US');

function payloadFor(kind: ActionNoticeKind, event: AcceptedAction): Payload {
  const { change, action, actor } = event;
  const name = `"${change.title}"`;
  const affected = change.affectedEntityRefs.join(', ');
  const wordings: Record<ActionNoticeKind, () => Wording> = {
    review: () => ({
      severity: 'normal',
      title: `Change waits on your review: ${change.title}`,
      description: `${change.createdBy} submitted ${name} for peer review; any engineer but the author may review it.`,
    }),
    cto: () => ({
      severity: 'high',
      title: `Change waits on the CTO: ${change.title}`,
      description: `${name} is ${lower(
        STATE_LABELS[change.state],
      )}; next: ${nextSteps(change)
        .map(step => lower(ACTION_LABELS[step]))
        .join(' or ')}.`,
    }),
    decision: () => ({
      severity: 'normal',
      title: `Decision on your change: ${change.title}`,
      description: `${EVENT_LABELS[action]} by ${actor}: ${name} is now ${lower(
        STATE_LABELS[change.state],
      )}.`,
    }),
    dependents: () => ({
      severity: 'low',
      title: `Deployed to something you depend on: ${change.title}`,
      description: `${name} (${change.type}) was deployed to production, changing ${affected}, which an entity you own, or its System, depends on.`,
    }),
    emergency: () => ({
      severity: 'high',
      title: `Emergency change deployed: ${change.title}`,
      description: `${name} was deployed to production as an emergency, changing ${affected}. Its retrospective is due within ${RETROSPECTIVE_DUE_WORDS}.`,
    }),
  };
  return { ...asNotice(wordings[kind]()), ...whereTo(change.id) };
}
