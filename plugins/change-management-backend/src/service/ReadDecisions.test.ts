import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { Decisions, ReadDecisions } from './ReadDecisions';

const alice = {
  userEntityRef: 'user:default/alice',
  ownershipEntityRefs: ['user:default/alice', 'group:default/payments'],
};
const allowed: PolicyDecision = { result: AuthorizeResult.ALLOW };
const allow = async (): Promise<Decisions> =>
  new Map([['change-management.change.read', allowed]]);

/** The plugin's clock, pinned and moved by hand. */
function pinnedClock() {
  let now = Date.parse('2026-06-01T09:00:00Z');
  return {
    now: () => new Date(now),
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('ReadDecisions', () => {
  it("asks once per user within the time to live, and again after it, by the plugin's clock", async () => {
    const clock = pinnedClock();
    const decisions = new ReadDecisions(5000, clock);
    const ask = jest.fn(allow);
    await decisions.get(alice, ask);
    clock.advance(4999);
    await decisions.get(alice, ask);
    expect(ask).toHaveBeenCalledTimes(1);
    clock.advance(1);
    await decisions.get(alice, ask);
    expect(ask).toHaveBeenCalledTimes(2);
  });

  it('asks again for another user, or the same user with other groups', async () => {
    const decisions = new ReadDecisions(5000, pinnedClock());
    const ask = jest.fn(allow);
    await decisions.get(alice, ask);
    await decisions.get({ ...alice, userEntityRef: 'user:default/bob' }, ask);
    await decisions.get({ ...alice, ownershipEntityRefs: [] }, ask);
    expect(ask).toHaveBeenCalledTimes(3);
  });

  it('does not keep a failed ask', async () => {
    const decisions = new ReadDecisions(5000, pinnedClock());
    const failing = jest.fn().mockRejectedValue(new Error('policy down'));
    await expect(decisions.get(alice, failing)).rejects.toThrow('policy down');
    const ask = jest.fn(allow);
    await expect(decisions.get(alice, ask)).resolves.toEqual(
      new Map([['change-management.change.read', allowed]]),
    );
    expect(ask).toHaveBeenCalledTimes(1);
  });

  it('asks on every request when the time to live is 0', async () => {
    const decisions = new ReadDecisions(0, pinnedClock());
    const ask = jest.fn(allow);
    await decisions.get(alice, ask);
    await decisions.get(alice, ask);
    expect(ask).toHaveBeenCalledTimes(2);
  });
});
