import { PolicyDecision } from '@backstage/plugin-permission-common';
import { Clock } from './Clock';

/** Who a decision is about: the user and the groups their token claims. */
interface Identity {
  userEntityRef: string;
  ownershipEntityRefs: string[];
}

/** Entries kept at most; expired ones are dropped first. */
const MAX_ENTRIES = 10_000;

/**
 * The permission policy's read decisions, reused by the same user for
 * `ttlMs`. An entity page reads a few times in a second (the list, the
 * summary, the freeze), and each permission round trip costs a request as
 * much as its query. Only reads are kept; every action asks anew. A
 * decision is keyed by the user and their ownership claims, so a token
 * with other groups is asked again; a failed ask is not kept.
 */
export class ReadDecisions {
  private readonly entries = new Map<
    string,
    { expires: number; decision: Promise<PolicyDecision> }
  >();

  constructor(private readonly ttlMs: number, private readonly clock: Clock) {}

  get(who: Identity, ask: () => Promise<PolicyDecision>) {
    if (this.ttlMs <= 0) return ask();
    const key = `${who.userEntityRef} ${who.ownershipEntityRefs.join(',')}`;
    const now = this.clock.now().getTime();
    const kept = this.entries.get(key);
    if (kept && kept.expires > now) return kept.decision;
    const decision = ask();
    this.entries.set(key, { expires: now + this.ttlMs, decision });
    decision.catch(() => this.entries.delete(key));
    this.prune(now);
    return decision;
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
