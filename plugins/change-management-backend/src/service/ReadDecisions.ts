import { PolicyDecision } from '@backstage/plugin-permission-common';
import { Clock } from './Clock';
import { ExpiringMap } from './ExpiringMap';

/** Who a decision is about: the user and the groups their token claims. */
interface Identity {
  userEntityRef: string;
  ownershipEntityRefs: string[];
}

/** The policy's decisions on every permission on a change, by name. */
export type Decisions = Map<string, PolicyDecision>;

/**
 * The permission policy's decisions for reads, reused by the same user for
 * `ttlMs`. An entity page reads a few times in a second (the list, a
 * change, its events, the summary), and each permission round trip costs a
 * request as much as its query. Only reads use them, for whether the user
 * may read and which actions a change offers them; every action asks
 * anew. They are keyed by the user and their ownership claims, so a token
 * with other groups is asked again; a failed ask is not kept.
 */
export class ReadDecisions {
  private readonly decisions: ExpiringMap<Promise<Decisions>>;

  constructor(private readonly ttlMs: number, private readonly clock: Clock) {
    this.decisions = new ExpiringMap(ttlMs);
  }

  get(who: Identity, ask: () => Promise<Decisions>) {
    if (this.ttlMs <= 0) return ask();
    const key = `${who.userEntityRef} ${who.ownershipEntityRefs.join(',')}`;
    const now = this.clock.now().getTime();
    const kept = this.decisions.get(key, now);
    if (kept) return kept;
    const decisions = ask();
    this.decisions.set(key, decisions, now);
    decisions.catch(() => this.decisions.delete(key));
    return decisions;
  }
}
