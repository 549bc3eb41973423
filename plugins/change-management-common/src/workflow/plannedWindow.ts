import type { InputIssue } from '../errors';
import { DRAFT_FIELD_LABELS as LABEL } from '../labels';
import type { ChangeType } from '../types';

/** A planned window, [start, end) as ISO times. @public */
export interface PlannedWindow {
  plannedStart: string;
  plannedEnd: string;
}

/**
 * What is wrong with a draft's planned window: both times or neither, and
 * the end after the start. Empty when the pair is good.
 *
 * @public
 */
export function plannedWindowIssues(draft: {
  plannedStart?: string;
  plannedEnd?: string;
}): InputIssue[] {
  const { plannedStart, plannedEnd } = draft;
  if (plannedStart === undefined && plannedEnd === undefined) {
    return [];
  }
  if (plannedStart === undefined) {
    return [
      {
        path: 'plannedStart',
        message: `${LABEL.plannedStart} is required with a planned end`,
      },
    ];
  }
  if (plannedEnd === undefined) {
    return [
      {
        path: 'plannedEnd',
        message: `${LABEL.plannedEnd} is required with a planned start`,
      },
    ];
  }
  return Date.parse(plannedEnd) > Date.parse(plannedStart)
    ? []
    : [
        {
          path: 'plannedEnd',
          message: `${LABEL.plannedEnd} must be after the planned start`,
        },
      ];
}

/** The planned window of a change, when it has one. @public */
export function plannedWindowOf(change: {
  plannedStart?: string;
  plannedEnd?: string;
}): PlannedWindow | undefined {
  const { plannedStart, plannedEnd } = change;
  return plannedStart && plannedEnd ? { plannedStart, plannedEnd } : undefined;
}

/** An ISO time, or epoch milliseconds, as epoch milliseconds. */
const ms = (time: string | number) =>
  typeof time === 'number' ? time : Date.parse(time);

/**
 * Whether two half-open windows [start, end) share an instant: a window
 * that ends when the other starts does not. Times are ISO or epoch
 * milliseconds.
 *
 * @public
 */
export function windowsOverlap(
  a: { start: string | number; end: string | number },
  b: { start: string | number; end: string | number },
): boolean {
  return ms(a.start) < ms(b.end) && ms(b.start) < ms(a.end);
}

/**
 * Whether the freeze and blackouts hold a change of this type back: they
 * do a standard or infrastructure change; an emergency deploys through
 * them on the CTO approval (deployVerdict).
 *
 * @public
 */
export function closuresHold(type: ChangeType): boolean {
  return type !== 'emergency';
}
