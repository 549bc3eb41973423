import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import {
  ChangeAction,
  changePagePath,
  ChangeState,
  transitionFor,
  waitsOn,
} from '@trove/backstage-plugin-change-management-common';
import { StoredChange } from '../database/ChangeStore';
import { NotificationsConfig } from './config';

/** A workflow action the store has accepted, as the notifier reads it. */
export interface AcceptedAction {
  action: ChangeAction;
  fromState: ChangeState;
  /** The change as stored after the action. */
  change: StoredChange;
  /** Who took the action; never told about it. */
  actor: string;
}

/** The kinds of notice, each switched by `changeManagement.notifications`. */
type SwitchedNoticeKind = keyof Omit<NotificationsConfig, 'reviewerCap'>;

/**
 * The kinds of notice: those config switches, and the failed verification
 * of the audit trail, which is always sent.
 */
export type NoticeKind = SwitchedNoticeKind | 'verification' | 'lockdown';

/** The notices of the plugin's clock, rather than of an action. */
export type ClockNoticeKind = 'reminder' | 'overdue';
export type ActionNoticeKind = Exclude<SwitchedNoticeKind, ClockNoticeKind>;

export type Payload = NotificationSendOptions['payload'];

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

/** Every notice of a change links to its page, under the change's topic. */
export function whereTo(id: string): Pick<Payload, 'link' | 'topic'> {
  return { link: changePagePath(id), topic: `change:${id}` };
}
