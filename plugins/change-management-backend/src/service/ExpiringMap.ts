/** Entries kept at most; expired ones are dropped first. */
const MAX_ENTRIES = 10_000;

/**
 * Values kept for `ttlMs` by the plugin's clock, at most 10,000 of them:
 * when full, expired entries go first, then the oldest. The one cache of
 * the read decisions and the blackouts' catalog reads.
 */
export class ExpiringMap<V> {
  private readonly entries = new Map<string, { expires: number; value: V }>();

  constructor(private readonly ttlMs: number) {}

  /** The value kept for `key`, unless it has expired at `now` (ms). */
  get(key: string, now: number): V | undefined {
    const kept = this.entries.get(key);
    return kept && kept.expires > now ? kept.value : undefined;
  }

  /** Whether `key` holds a value that has not expired at `now` (ms). */
  has(key: string, now: number): boolean {
    const kept = this.entries.get(key);
    return !!kept && kept.expires > now;
  }

  set(key: string, value: V, now: number): void {
    this.entries.set(key, { expires: now + this.ttlMs, value });
    this.prune(now);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  private prune(now: number) {
    if (this.entries.size <= MAX_ENTRIES) return;
    for (const [key, { expires }] of this.entries) {
      if (expires <= now) this.entries.delete(key);
    }
    // Still full of live entries: drop the oldest (insertion order).
    for (const key of this.entries.keys()) {
      if (this.entries.size <= MAX_ENTRIES) break;
      this.entries.delete(key);
    }
  }
}
