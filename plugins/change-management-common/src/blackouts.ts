import { z } from 'zod';
import { isoTime } from './fields';
import { describeFreezeWindow, FreezeWindow } from './freeze';
import type { RefusalWindow } from './errors';

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
 * Why production is closed to non-emergency changes now, if it is: the
 * company-wide freeze first, then a blackout of an affected entity.
 *
 * @public
 */
export type ProductionClosure = {
  /** For sentences: "frozen from 2026-10-01 to 2026-12-31 (UTC)". */
  description: string;
  window: RefusalWindow;
};

/** The closure, from the freeze and the blackouts that apply now. @public */
export function productionClosure(options: {
  freeze?: FreezeWindow;
  freezeTimeZone: string;
  blackouts?: Blackout[];
}): ProductionClosure | undefined {
  const { freeze, freezeTimeZone, blackouts = [] } = options;
  if (freeze) {
    return {
      description: `frozen from ${describeFreezeWindow(
        freeze,
        freezeTimeZone,
      )}`,
      window: { ...freeze, timeZone: freezeTimeZone },
    };
  }
  const [blackout] = blackouts;
  if (!blackout) {
    return undefined;
  }
  return {
    description: `blacked out for ${blackout.entityRef} from ${blackout.start} to ${blackout.end} (${blackout.reason})`,
    window: {
      start: blackout.start,
      end: blackout.end,
      timeZone: 'UTC',
      entityRef: blackout.entityRef,
      reason: blackout.reason,
    },
  };
}
