import { z } from 'zod';

// The words of the contract: each list is the one place its values are
// spelled, the zod enum built from it validates and documents them, and the
// type is inferred from the enum.

/**
 * The three change categories of the Change Management SOP.
 *
 * @public
 */
export const CHANGE_TYPES = [
  'standard',
  'emergency',
  'infrastructure',
] as const;

/** @public */
export const changeTypeSchema = z
  .enum(CHANGE_TYPES, {
    errorMap: () => ({
      message: `Type must be one of ${CHANGE_TYPES.join(', ')}`,
    }),
  })
  .describe(
    'The SOP category; emergency changes follow their own state machine.',
  );

/** @public */
export type ChangeType = z.infer<typeof changeTypeSchema>;

/**
 * Every state of both state machines (docs/workflow.md). Standard and
 * infrastructure changes use one machine, emergencies another; some states
 * (draft, approved, deployed, completed, ...) appear in both.
 *
 * @public
 */
export const CHANGE_STATES = [
  'draft',
  'in_review',
  'awaiting_approval',
  'approved',
  'staging_verified',
  'ready_for_production',
  'deployed',
  'verified',
  'retrospective_done',
  'completed',
  'rolled_back',
  'rejected',
  'cancelled',
] as const;

/** @public */
export const changeStateSchema = z
  .enum(CHANGE_STATES)
  .describe('A state of the workflow (docs/workflow.md).');

/** @public */
export type ChangeState = z.infer<typeof changeStateSchema>;

/**
 * Every workflow action, `edit` of a draft included. Each is an edge of the
 * state machines in `workflow/transitions.ts`.
 *
 * @public
 */
export const CHANGE_ACTIONS = [
  'edit',
  'submit',
  'review',
  'request-changes',
  'waive-review',
  'return-to-review',
  'approve',
  'reject',
  'record-staging',
  'sign-off',
  'deploy',
  'verify',
  'roll-back',
  'document-retrospective',
  'complete-review',
  'cancel',
] as const;

/** @public */
export const changeActionSchema = z
  .enum(CHANGE_ACTIONS, {
    errorMap: () => ({
      message: `Unknown action; use one of ${CHANGE_ACTIONS.join(', ')}`,
    }),
  })
  .describe('A workflow action (docs/workflow.md).');

/** @public */
export type ChangeAction = z.infer<typeof changeActionSchema>;

/**
 * What the plugin itself records on a change's trail, besides the workflow
 * actions: the 48-hour clock's reminders and escalations. These events do
 * not move the change; `fromState` equals `toState`.
 *
 * @public
 */
export const SYSTEM_EVENTS = [
  'reminder-sent',
  'retrospective-overdue',
  'verification-overdue',
] as const;

/** @public */
export type SystemEvent = (typeof SYSTEM_EVENTS)[number];

/**
 * The deadlines the plugin's clock watches: an emergency's retrospective
 * (deploy + 48 h) and the verification of a deployed change of any type
 * (deploy + `reminders.verificationDueAfter`).
 *
 * @public
 */
export const REMINDER_CLOCKS = ['retrospective', 'verification'] as const;

/** @public */
export type ReminderClock = (typeof REMINDER_CLOCKS)[number];

/**
 * The points on a clock at which the plugin acts, each once per change: a
 * `reminder` to the author before the deadline, and `overdue` at it, when the
 * CTO role is told as well.
 *
 * @public
 */
export const REMINDER_THRESHOLDS = ['reminder', 'overdue'] as const;

/** @public */
export type ReminderThreshold = (typeof REMINDER_THRESHOLDS)[number];

/** Severity of the incident an emergency change responds to. @public */
export const incidentSeveritySchema = z.enum(['P1', 'P2'], {
  errorMap: () => ({ message: 'Incident severity must be P1 or P2' }),
});

/** @public */
export type IncidentSeverity = z.infer<typeof incidentSeveritySchema>;

/** @public */
export const yesNoSchema = z.enum(['yes', 'no']);

/** @public */
export type YesNo = z.infer<typeof yesNoSchema>;

/** The SOP's "Staging tested" column. @public */
export const stagingTestedSchema = z.enum(['yes', 'no', 'n/a'], {
  errorMap: () => ({
    message: "Staging tested must be 'yes', 'no' or 'n/a'",
  }),
});

/** @public */
export type StagingTested = z.infer<typeof stagingTestedSchema>;

/**
 * An exception to the normal workflow, kept on the record for auditors.
 *
 * @public
 */
export const changeExceptionKindSchema = z.enum([
  'waived-review',
  'self-approval',
  'freeze-override',
  'late-retrospective',
]);

/** @public */
export type ChangeExceptionKind = z.infer<typeof changeExceptionKindSchema>;

/**
 * The kinds of catalog entity a change may affect, in lower case: the
 * server refuses others, and the UI shows change cards on these only.
 *
 * @public
 */
export const AFFECTABLE_KINDS = [
  'component',
  'resource',
  'system',
  'api',
  'domain',
] as const;
