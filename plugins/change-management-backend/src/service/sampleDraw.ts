import { createHmac, randomBytes } from 'node:crypto';

/** A seed for a sample drawn without one, to be handed back to the auditor. */
export function newSeed(): string {
  return randomBytes(8).toString('hex');
}

/** A number in [0, bound) that depends only on the seed and the step. */
function uniform(seed: string, step: number, bound: number): number {
  const digest = createHmac('sha256', seed).update(String(step)).digest();
  // 48 bits: the bias of the modulo is below 2^-20 for any bound we meet.
  return digest.readUIntBE(0, 6) % bound;
}

/**
 * `size` distinct positions out of `population`, sorted, the same for the
 * same seed (Floyd's algorithm: `size` draws, whatever the population).
 */
export function drawPositions(
  seed: string,
  population: number,
  size: number,
): number[] {
  const drawn = new Set<number>();
  for (let j = population - Math.min(size, population); j < population; j++) {
    const t = uniform(seed, j, j + 1);
    drawn.add(drawn.has(t) ? j : t);
  }
  return [...drawn].sort((a, b) => a - b);
}
