import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ReaderWords,
  REMINDER_CLOCKS,
  REMINDER_THRESHOLDS,
  ReminderClock,
  ReminderThreshold,
  SystemEvent,
} from '@trove/backstage-plugin-change-management-common';
import { PendingChange, ReminderStore } from '../database/ReminderStore';
import { ChangeManagementMetrics } from './ChangeManagementMetrics';
import { ChangeNotifier } from './ChangeNotifier';
import { Clock } from './Clock';
import { ChangeManagementConfig } from './config';
import { outboxMessage } from './outboxHandlers';

/** The id of the scheduled task that runs {@link RemindersTask.run}. */
export const REMINDERS_TASK_ID = 'change-management-reminders';

/**
 * The actor of the events the clock records: the plugin itself, named as
 * Backstage names a plugin's service principal, so it is never mistaken for
 * a user.
 */
export const CLOCK_ACTOR = 'plugin:change-management';

/** The event each threshold of each clock records. */
const EVENT_ACTIONS: Record<
  ReminderClock,
  Record<ReminderThreshold, SystemEvent>
> = {
  retrospective: {
    reminder: 'reminder-sent',
    overdue: 'retrospective-overdue',
  },
  verification: { reminder: 'reminder-sent', overdue: 'verification-overdue' },
};

const DEFAULT_BATCH_SIZE = 100;

/**
 * The clock that chases what the SOP puts a deadline on: an emergency's
 * retrospective, due 48 h after its deploy, and the verification of a
 * deployed change of any type (workflow/overdue.ts in -common says which
 * changes owe each). Before a deadline it reminds
 * the author; at it, it escalates to the CTO role. Each happens once per
 * change: the store records it with its audit event and its notices, for
 * the outbox to deliver, in one transaction.
 */
export class RemindersTask {
  constructor(
    private readonly store: ReminderStore,
    private readonly notifier: ChangeNotifier,
    private readonly config: Pick<
      ChangeManagementConfig,
      'notifications' | 'reminders'
    >,
    private readonly clock: Clock,
    private readonly logger: LoggerService,
    private readonly metrics: ChangeManagementMetrics,
    /** How many changes each query reads, so memory stays flat. */
    private readonly batchSize = DEFAULT_BATCH_SIZE,
  ) {}

  /** One pass over every clock and threshold; returns how many it recorded. */
  async run(): Promise<number> {
    const now = this.clock.now();
    let ctoUsers: Promise<string[]> | undefined;
    const ctos = () => (ctoUsers ??= this.notifier.ctoUsers());
    let recorded = 0;
    for (const clock of REMINDER_CLOCKS) {
      for (const threshold of REMINDER_THRESHOLDS) {
        const window = this.window(clock, threshold, now);
        let cursor: { time: string; id: string } | undefined;
        for (;;) {
          const batch = await this.store.listPending({
            clock,
            threshold,
            ...window,
            cursor,
            limit: this.batchSize,
          });
          // The authors' names, for the whole batch in one catalog call.
          const words = batch.length
            ? await this.notifier.words(batch.map(c => c.createdBy))
            : undefined;
          for (const change of batch) {
            if (await this.chase(change, clock, threshold, now, ctos, words!)) {
              recorded += 1;
            }
          }
          if (batch.length < this.batchSize) break;
          const last = batch[batch.length - 1];
          cursor = { time: last.time, id: last.id };
        }
      }
    }
    if (recorded > 0) {
      this.logger.info(`Sent ${recorded} change reminders and escalations`);
    }
    return recorded;
  }

  /** From the clock's time column (due time or deploy time) to the deadline. */
  private offsetMs(clock: ReminderClock): number {
    return clock === 'retrospective'
      ? 0
      : this.config.reminders.verificationDueAfterMs;
  }

  /**
   * Which clock times a threshold is reached for, now: overdue from the
   * deadline itself on; a reminder from `remindBefore` ahead of it until the
   * deadline, after which a reminder would come too late to be of use, and
   * the escalation goes instead.
   */
  private window(
    clock: ReminderClock,
    threshold: ReminderThreshold,
    now: Date,
  ) {
    const due = now.getTime() - this.offsetMs(clock);
    if (threshold === 'overdue') {
      return { upTo: new Date(due) };
    }
    return {
      after: new Date(due),
      upTo: new Date(due + this.config.reminders.remindBeforeMs),
    };
  }

  /** Records one threshold of one change, with its notices; says whether it did. */
  private async chase(
    change: PendingChange,
    clock: ReminderClock,
    threshold: ReminderThreshold,
    now: Date,
    ctos: () => Promise<string[]>,
    words: ReaderWords,
  ): Promise<boolean> {
    const dueAt = new Date(
      Date.parse(change.time) + this.offsetMs(clock),
    ).toISOString();
    try {
      const escalating =
        threshold === 'overdue' && this.config.notifications.overdue;
      const notices = this.notifier.clockNotices(
        { change, clock, threshold, dueAt },
        escalating ? await ctos() : [],
        words,
      );
      const notified = [...new Set(notices.flatMap(n => n.recipients))].sort();
      // The notices go in the outbox with the record: they are sent once
      // it is committed, and only if it went in.
      const recorded = await this.store.recordReminder({
        changeId: change.id,
        clock,
        threshold,
        event: {
          action: EVENT_ACTIONS[clock][threshold],
          actor: CLOCK_ACTOR,
          at: now,
          fields: { clock, threshold, dueAt, notified },
        },
        effects:
          notices.length > 0
            ? [outboxMessage('notices', { changeId: change.id, notices })]
            : [],
      });
      // Counted when recorded: the outbox then delivers its notices.
      if (recorded) this.metrics.recordReminder(clock, threshold);
      return recorded;
    } catch (error) {
      // Nothing was recorded, so the next run tries again.
      this.logger.warn(
        `Could not record the ${clock} ${threshold} of change ${change.id}`,
        error as Error,
      );
      return false;
    }
  }
}
