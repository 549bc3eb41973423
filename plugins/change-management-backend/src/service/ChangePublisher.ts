import { EventsService } from '@backstage/plugin-events-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  CHANGE_EVENTS_TOPIC,
  CHANGE_SIGNAL_CHANNEL,
  ChangeAction,
  ChangeActionEvent,
  changePagePath,
  changeParties,
  ChangeSignal,
  ChangeState,
  CheckpointEvent,
  CHECKPOINT_EVENTS_TOPIC,
} from '@trove/backstage-plugin-change-management-common';
import { StoredChange } from '../database/ChangeStore';
import { OutboxMessage } from '../database/OutboxStore';
import { ChangeManagementConfig } from './config';
import { outboxMessage } from './outboxHandlers';

/**
 * An accepted action as its outbox row holds it: the event without its id,
 * which is the row's audit event (`OutboxEntry.eventId`).
 */
export type PublishedAction = Omit<ChangeActionEvent, 'id'>;

/** A signal to send: which change moved, and whom to tell. */
export interface ChangeSignalDelivery {
  changeId: string;
  /** User and group entity refs; a user hears of it through either. */
  recipients: string[];
}

/** A change raised or acted on, as its publications read it. */
export interface PublishedStep {
  action: 'create' | ChangeAction;
  /** Absent on create. */
  fromState?: ChangeState;
  /** The change as written. */
  change: StoredChange;
  actor: string;
  /** The owners of the entities it affects, as the catalog named them. */
  ownerRefs: (string | undefined)[];
  at: Date;
}

/**
 * What a change raised or acted on leaves in the outbox besides its notices:
 * its event for other backend plugins, and a signal to the open pages of
 * the people with a stake in it (`changeParties`, and the actor's own other
 * tabs). The signal says only which change moved.
 */
export function publicationEffects(
  step: PublishedStep,
  config: Pick<ChangeManagementConfig, 'ctoRefs' | 'appBaseUrl'>,
): OutboxMessage[] {
  const { change } = step;
  const event: PublishedAction = {
    version: 1,
    changeId: change.id,
    title: change.title,
    action: step.action,
    ...(step.fromState ? { from: step.fromState } : {}),
    to: change.state,
    type: change.type,
    actor: step.actor,
    entityRefs: change.affectedEntityRefs,
    systemRefs: change.affectedSystemRefs,
    at: step.at.toISOString(),
    link: `${config.appBaseUrl}${changePagePath(change.id)}`,
  };
  const parties = changeParties(change, {
    ownerRefs: step.ownerRefs,
    ctoRefs: config.ctoRefs,
  });
  const signal: ChangeSignalDelivery = {
    changeId: change.id,
    recipients: [...new Set([...parties, step.actor])].sort(),
  };
  return [
    outboxMessage('change-event', event),
    outboxMessage('change-signal', signal),
  ];
}

/**
 * Sends what the outbox holds to Backstage's events and signals services,
 * once the action or checkpoint is committed. A failure throws, and the
 * outbox tries again: delivery is at least once.
 */
export class ChangePublisher {
  constructor(
    private readonly events: EventsService,
    private readonly signals: SignalsService,
  ) {}

  async publishAction(event: ChangeActionEvent): Promise<void> {
    await this.events.publish({
      topic: CHANGE_EVENTS_TOPIC,
      eventPayload: event,
    });
  }

  async publishCheckpoint(event: CheckpointEvent): Promise<void> {
    await this.events.publish({
      topic: CHECKPOINT_EVENTS_TOPIC,
      eventPayload: event,
    });
  }

  /**
   * The signals backend delivers to every open page whose user holds one of
   * these refs, their own or a group's.
   */
  async signal(delivery: ChangeSignalDelivery): Promise<void> {
    await this.signals.publish<ChangeSignal>({
      recipients: { type: 'user', entityRef: delivery.recipients },
      channel: CHANGE_SIGNAL_CHANNEL,
      message: { changeId: delivery.changeId },
    });
  }
}
