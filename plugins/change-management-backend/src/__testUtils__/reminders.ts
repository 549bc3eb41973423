import {
  SchedulerServiceTaskInvocationDefinition,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { changeEventListSchema } from '@trove/backstage-plugin-change-management-common';
import { REMINDERS_TASK_ID } from '../service/RemindersTask';
import { startChangeManagement } from './harness';

/**
 * The harness with a scheduler that records what the plugin schedules and
 * runs nothing by itself: `runClock` runs the reminders task once, now, at
 * the harness clock's time, and fails the test if the task throws, then
 * delivers the outbox; `task` finds a scheduled task by its id, the
 * reminders' by default.
 */
export async function startWithClock(
  options: Parameters<typeof startChangeManagement>[0],
) {
  const scheduler = mockServices.scheduler.mock();
  const h = await startChangeManagement({
    ...options,
    extraFeatures: [...(options.extraFeatures ?? []), scheduler.factory],
  });
  const task = (
    id = REMINDERS_TASK_ID,
  ): SchedulerServiceTaskScheduleDefinition &
    SchedulerServiceTaskInvocationDefinition => {
    const call = scheduler.scheduleTask.mock.calls.find(([t]) => t.id === id);
    if (!call) throw new Error(`${id} was not scheduled`);
    return call[0];
  };
  /** Runs the task, then delivers the notices it left in the outbox. */
  const runClock = async () => {
    await task().fn(new AbortController().signal);
    await h.drain();
  };
  return { ...h, task, runClock };
}

export type ClockHarness = Awaited<ReturnType<typeof startWithClock>>;

/** What the harness was sent, as [recipients, severity, title]. */
export function sentSince(h: ClockHarness, from: number) {
  return h.sent
    .slice(from)
    .map(({ recipients, payload }) => [
      recipients.type === 'entity' ? recipients.entityRef : 'all',
      payload.severity,
      payload.title,
    ]);
}

/**
 * The events the plugin itself recorded on a change, checked against the
 * contract's event schema.
 */
export async function clockEvents(h: ClockHarness, id: string) {
  const res = await h.as('oscar').get(`/changes/${id}/events`);
  return changeEventListSchema
    .parse(res.body)
    .items.filter(e => e.actor === 'plugin:change-management');
}
