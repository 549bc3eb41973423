import { PolicyDecision } from '@backstage/plugin-permission-common';
import { Clock } from './Clock';
import { ExpiringMap } from './ExpiringMap';

/** Who a decision is about: the user and the groups their token claims. */
interface Identity {
  userEntityRef: string;
  ownershipEntityRefs: string[];
}

/**
 * The permission policy's read decisions, reused by the same user for
 * `ttlMs`. An entity page reads a few times in a second (the list, the
 * summary, the freeze), and each permission round trip costs a request as
 * much as its query. Only reads are kept; every action asks anew. A
 * decision is keyed by the user and their ownership claims, so a token
 * with other groups is asked again; a failed ask is not kept.
 */
export class ReadDecisions {
  private readonly decisions: ExpiringMap<Promise<PolicyDecision>>;

  constructor(private readonly ttlMs: number, private readonly clock: Clock) {
    this.decisions = new ExpiringMap(ttlMs);
  }

  get(who: Identity, ask: () => Promise<PolicyDecision>) {
    if (this.ttlMs <= 0) return ask();
    const key = `${who.userEntityRef} ${who.ownershipEntityRefs.join(',')}`;
    const now = this.clock.now().getTime();
    const kept = this.decisions.get(key, now);
    if (kept) return kept;
    const decision = ask();
    this.decisions.set(key, decision, now);
    decision.catch(() => this.decisions.delete(key));
    return decision;
  }
}
