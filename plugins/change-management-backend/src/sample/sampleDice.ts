import {
  DEFAULT_FREEZE_CALENDAR,
  findFreezeWindow,
} from '@trove/backstage-plugin-change-management-common';
import { AffectedEntity } from '../database/ChangeStore';
import { SampleEntity } from './sampleWording';

// The sample history's chances and times (sampleHistory.ts).

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** The sample history's pseudo-random numbers: the same on every start. */
export const SEED = 21;

/** mulberry32: a small, fixed pseudo-random generator in [0, 1). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Outcome = 'verified' | 'with-issues' | 'failed' | 'rolled-back';

export const inFreeze = (at: number) =>
  findFreezeWindow(new Date(at), DEFAULT_FREEZE_CALENDAR);

/** The next weekday at `hour` UTC on or after `at`. */
export function workingHour(at: number, hour: number): number {
  const d = new Date(at);
  d.setUTCHours(hour, 0, 0, 0);
  let t = d.getTime() < at ? d.getTime() + DAY : d.getTime();
  while ([0, 6].includes(new Date(t).getUTCDay())) t += DAY;
  return t;
}

/** The entity as the store records it. */
export const affected = ({
  entityRef,
  systemRef,
  ownerRef,
}: SampleEntity): AffectedEntity => ({ entityRef, systemRef, ownerRef });

export function pickWeighted(rand: () => number, entities: SampleEntity[]) {
  const total = entities.reduce((sum, e) => sum + e.weight, 0);
  let roll = rand() * total;
  for (const entity of entities) {
    roll -= entity.weight;
    if (roll < 0) return entity;
  }
  return entities[0];
}

/** How a deploy ends, by share: most verified, a few failing. */
const OUTCOMES: [Outcome, number][] = [
  ['rolled-back', 0.06],
  ['failed', 0.07],
  ['with-issues', 0.08],
];
export function outcomeOf(roll: number): Outcome {
  let left = roll;
  for (const [outcome, share] of OUTCOMES) {
    if (left < share) return outcome;
    left -= share;
  }
  return 'verified';
}
