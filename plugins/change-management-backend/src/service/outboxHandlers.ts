import { CheckpointEvent } from '@trove/backstage-plugin-change-management-common';
import { AuditVerification } from '@trove/backstage-plugin-change-management-common';
import { OutboxEntry, OutboxMessage } from '../database/OutboxStore';
import { ChangeNotifier } from './ChangeNotifier';
import { AcceptedAction, Notice, noticeKinds } from './notices';
import type {
  ChangePublisher,
  ChangeSignalDelivery,
  PublishedAction,
} from './ChangePublisher';
import { NotificationsConfig } from './config';
import { verificationNotice } from './verificationNotice';
import type { LockdownNoticeEvent } from './lockdownNotice';

/**
 * The kinds of outbox row, and what each carries. A new side effect (an
 * event, a signal, a callback) is a kind here and its handler below.
 */
export interface OutboxPayloads {
  /** An accepted action's notices, planned from the catalog when sent. */
  'action-notices': AcceptedAction;
  /**
   * Notices planned when they were recorded: the clock's, whose event
   * names whom they tell.
   */
  notices: { changeId: string; notices: Notice[] };
  /** An accepted action, for the events service (its id is the row's event). */
  'change-event': PublishedAction;
  /** Which change moved, for the open pages of those with a stake in it. */
  'change-signal': ChangeSignalDelivery;
  /** A nightly checkpoint, for the events service. */
  'checkpoint-event': CheckpointEvent;
  /**
   * A failed verification of the audit trail, for the CTO role, planned
   * from the catalog when sent; keyed by what failed (`enqueueOnce`).
   */
  'verification-failed': AuditVerification;
  /**
   * Issue 24: a lockdown declared or lifted, for the owners of what it
   * covers, planned from the catalog when sent.
   */
  'lockdown-notices': LockdownNoticeEvent;
}

export type OutboxKind = keyof OutboxPayloads;

/** Delivers one row; throws to have it tried again later. */
export type OutboxHandler<K extends OutboxKind = OutboxKind> = (
  payload: OutboxPayloads[K],
  entry: OutboxEntry,
) => Promise<void>;

export type OutboxHandlers = { [K in OutboxKind]: OutboxHandler<K> };

/** A handler of any kind: the plugin's, or a module's (issue 20). */
export type AnyOutboxHandler = (
  payload: any,
  entry: OutboxEntry,
) => Promise<void>;

/** A row for the outbox, typed by its kind. */
export function outboxMessage<K extends OutboxKind>(
  kind: K,
  payload: OutboxPayloads[K],
): OutboxMessage {
  return { kind, payload };
}

/** The handler of each kind. */
export function outboxHandlers(
  notifier: ChangeNotifier,
  publisher: ChangePublisher,
): OutboxHandlers {
  return {
    'action-notices': async (action, entry) =>
      notifier.send(entry.eventId, await notifier.plan(action), action.actor),
    notices: async ({ notices }, entry) =>
      notifier.send(entry.eventId, notices),
    'change-event': async (event, entry) =>
      publisher.publishAction({ ...event, id: entry.eventId }),
    'change-signal': async delivery => publisher.signal(delivery),
    'checkpoint-event': async event => publisher.publishCheckpoint(event),
    'verification-failed': async (result, entry) =>
      notifier.send(entry.eventId, [
        verificationNotice(result, await notifier.ctoUsers()),
      ]),
    'lockdown-notices': async (event, entry) =>
      notifier.send(entry.eventId, await notifier.planLockdown(event)),
  };
}

/**
 * What an accepted action leaves in the outbox: its notices, if it calls
 * for any kind that is switched on (most steps do; nothing is written for
 * the others).
 */
export function actionEffects(
  action: AcceptedAction,
  settings: NotificationsConfig,
): OutboxMessage[] {
  const kinds = noticeKinds(action).filter(kind => settings[kind]);
  return kinds.length > 0 ? [outboxMessage('action-notices', action)] : [];
}
