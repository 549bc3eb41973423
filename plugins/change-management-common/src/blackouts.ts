import { z } from 'zod';
import { isoTime } from './fields';
import { describeFreezeWindow, FreezeWindow, reopensOn } from './freeze';
import type { RefusalWindow } from './errors';
import { Lockdown, lockdownWindow, UNTIL_LIFTED } from './lockdowns';

/**
 * A one-off window in which production deploys to an entity and everything
 * that is part of it are closed, beyond the company-wide freeze: a
 * migration, a peak sale. From config or a System's or Domain's annotation.
 *
 * @public
 */
export const blackoutSchema = z
  .object({
    entityRef: z
      .string()
      .describe(
        'The System or Domain it is declared on; its parts inherit it.',
      ),
    start: isoTime('Inclusive.'),
    end: isoTime('Exclusive.'),
    reason: z.string(),
  })
  .strict();

/** @public */
export type Blackout = z.infer<typeof blackoutSchema>;

/**
 * The catalog annotation on a System or Domain that declares its blackouts:
 * a JSON array of `{ "start", "end", "reason" }` with ISO date-times.
 *
 * @public
 */
export const BLACKOUTS_ANNOTATION = 'trove.io/change-blackouts';

/**
 * The end of a window with no date to reopen on: the one an unreadable
 * annotation holds deploys in until it is fixed (unreadableAnnotation).
 * describeClosure and describeReopening say so instead of printing it.
 */
export const UNTIL_FIXED = '9999-12-31T23:59:59.999Z';

/**
 * Why production is closed to non-emergency changes now, if it is: a
 * lockdown the CTO declared over an affected entity first (issue 24; it is
 * the most deliberate and the most recent decision, so a refusal or an
 * override names it), then the company-wide freeze, then a blackout of an
 * affected entity. The window a FreezeError names, and what deployVerdict
 * judges with.
 *
 * @public
 */
export function productionClosure(options: {
  freeze?: FreezeWindow;
  freezeTimeZone: string;
  blackouts?: Blackout[];
  lockdowns?: Lockdown[];
}): RefusalWindow | undefined {
  const { freeze, freezeTimeZone, blackouts = [], lockdowns = [] } = options;
  if (lockdowns.length) {
    return lockdownWindow(lockdowns[0]);
  }
  if (freeze) {
    return { ...freeze, timeZone: freezeTimeZone };
  }
  const [blackout] = blackouts;
  return (
    blackout && {
      start: blackout.start,
      end: blackout.end,
      timeZone: 'UTC',
      entityRef: blackout.entityRef,
      reason: blackout.reason,
    }
  );
}

/**
 * A freeze or blackout window in words, after "production is": "frozen from
 * 2026-10-01 to 2026-12-31 (UTC)", or "blacked out for system:default/shop
 * from <start> to <end> (<reason>)". A freeze reads in its calendar's days;
 * a blackout's times read as `time` writes them: ISO by default, the
 * reader's zone on the page. An unreadable annotation's window reads
 * "blacked out because the trove.io/change-blackouts annotation of
 * system:default/shop cannot be read (...)". An event recorded without its
 * window reads "frozen".
 *
 * @public
 */
export function describeClosure(
  window?: RefusalWindow,
  time: (iso: string) => string = iso => iso,
): string {
  if (!window) {
    return 'frozen';
  }
  if (window.lockdownId) {
    const scope = window.entityRef ?? 'everything';
    const until =
      window.end === UNTIL_LIFTED ? 'until lifted' : `to ${time(window.end)}`;
    return `locked down by the CTO for ${scope} from ${time(
      window.start,
    )} ${until} (lockdown ${window.lockdownId}: ${window.reason})`;
  }
  if (window.entityRef && window.end === UNTIL_FIXED) {
    return `blacked out because ${window.reason}`;
  }
  if (window.entityRef) {
    const reason = window.reason ? ` (${window.reason})` : '';
    return `blacked out for ${window.entityRef} from ${time(
      window.start,
    )} to ${time(window.end)}${reason}`;
  }
  return `frozen from ${describeFreezeWindow(window, window.timeZone)}`;
}

/**
 * When a closure ends, after "reopens" or "ends": "on 2027-01-01", or, for
 * an unreadable annotation, "after the annotation is fixed".
 *
 * @public
 */
export function describeReopening(window: RefusalWindow): string {
  if (window.lockdownId) {
    return window.end === UNTIL_LIFTED
      ? 'when the CTO lifts the lockdown'
      : `on ${reopensOn(window, window.timeZone)}, or when the CTO lifts it`;
  }
  return window.end === UNTIL_FIXED
    ? 'after the annotation is fixed'
    : `on ${reopensOn(window, window.timeZone)}`;
}
