import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import {
  NOTICE_LIMITS,
  ReaderWords,
  ReminderClock,
  ReminderThreshold,
  RETROSPECTIVE_DUE_WORDS,
  toNoticeText,
  TYPE_LABELS,
} from '@trove/backstage-plugin-change-management-common';
import { StoredChange } from '../database/ChangeStore';

/** A deadline of a change that the plugin's clock has reached. */
export interface ClockEvent {
  change: Pick<StoredChange, 'id' | 'title' | 'type' | 'createdBy'>;
  clock: ReminderClock;
  threshold: ReminderThreshold;
  /** The deadline, ISO 8601. */
  dueAt: string;
}

/** What a notice says, without where it links. */
export type Wording = Pick<
  NotificationSendOptions['payload'],
  'title' | 'description' | 'severity'
>;

/**
 * A notice's words as they are sent: its title and description are plain
 * text, without controls or direction overrides, and capped (toNoticeText),
 * however the change's title was written.
 */
export function asNotice(wording: Wording): Wording {
  return {
    ...wording,
    title: toNoticeText(wording.title, NOTICE_LIMITS.title),
    description:
      wording.description === undefined
        ? undefined
        : toNoticeText(wording.description, NOTICE_LIMITS.description),
  };
}

/**
 * What the clock tells the author, or at the deadline the CTO role, with
 * people's names and times in `words` (the freeze calendar's zone). A
 * reminder is `high` for a retrospective (the SOP's 48 hours) and `normal`
 * for a verification; the author's overdue notice is `high`; the CTO's
 * escalation is `critical`.
 */
export function clockWording(
  event: ClockEvent,
  audience: 'author' | 'cto',
  words: ReaderWords,
): Wording {
  return asNotice(clockWords(event, audience, words));
}

function clockWords(
  event: ClockEvent,
  audience: 'author' | 'cto',
  words: ReaderWords,
): Wording {
  const { change, clock, threshold } = event;
  const dueAt = words.time(event.dueAt);
  const name = `"${change.title}"`;
  const [noun, owed] =
    clock === 'retrospective'
      ? [
          'Retrospective',
          `${name} was deployed as an emergency; the SOP asks for its retrospective (what changed, why, the approval received) within ${RETROSPECTIVE_DUE_WORDS}`,
        ]
      : [
          'Verification',
          `${name} (${
            TYPE_LABELS[change.type]
          }) was deployed to production and is not verified yet`,
        ];
  if (threshold === 'reminder') {
    return {
      severity: clock === 'retrospective' ? 'high' : 'normal',
      title: `${noun} due soon: ${change.title}`,
      description: `${owed}. It is due at ${dueAt}.`,
    };
  }
  if (audience === 'author') {
    return {
      severity: 'high',
      title: `Your ${noun.toLocaleLowerCase('en-US')} is overdue: ${
        change.title
      }`,
      description: `${owed}. It was due at ${dueAt}; the CTO has been told.`,
    };
  }
  return {
    severity: 'critical',
    title: `${noun} overdue: ${change.title}`,
    description: `${owed}. It was due at ${dueAt}. Raised by ${words.name(
      change.createdBy,
    )}.`,
  };
}
