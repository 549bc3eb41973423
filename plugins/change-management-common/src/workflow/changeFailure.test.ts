import {
  entityFacts,
  FAILED_VERIFICATION,
  isFailedChange,
  ROLLED_BACK_STATES,
} from './changeFailure';

const NOW = new Date('2026-06-12T10:00:00.000Z');
const DAY = 86_400_000;
const daysAgo = (days: number) =>
  new Date(NOW.getTime() - days * DAY).toISOString();
const deployed = (days: number) => ({
  by: 'user:default/alice',
  at: daysAgo(days),
});

describe('isFailedChange', () => {
  it('reads the roll-back edges and the verify form, not words of its own', () => {
    expect(ROLLED_BACK_STATES).toEqual(['rolled_back']);
    expect(FAILED_VERIFICATION).toBe('no');
  });

  it('is a production change rolled back, or verified as not working', () => {
    expect(
      isFailedChange({ state: 'rolled_back', deployed: deployed(1) }),
    ).toBe(true);
    expect(
      isFailedChange({
        state: 'completed',
        deployed: deployed(1),
        postDeploymentVerified: 'no',
      }),
    ).toBe(true);
    expect(
      isFailedChange({
        state: 'completed',
        deployed: deployed(1),
        postDeploymentVerified: 'yes',
      }),
    ).toBe(false);
    // Deployed, not yet verified: not failed (yet).
    expect(isFailedChange({ state: 'deployed', deployed: deployed(1) })).toBe(
      false,
    );
  });
});

describe('entityFacts', () => {
  const change = (state: 'completed' | 'rolled_back', days: number) => ({
    type: 'standard' as const,
    state,
    deployed: deployed(days),
    postDeploymentVerified:
      state === 'completed' ? ('yes' as const) : undefined,
  });

  it('takes the rate over the changes deployed in (now − 90 days, now]', () => {
    const facts = entityFacts(
      [
        change('rolled_back', 1),
        change('completed', 2),
        change('completed', 89),
        // Out of the window, at its very start: not counted.
        change('rolled_back', 90),
      ],
      NOW,
    );
    expect(facts).toEqual({
      openChanges: 0,
      overdueRetrospectives: 0,
      productionChanges: 3,
      failedChanges: 1,
      changeFailureRate: 1 / 3,
      lastProductionChangeAt: daysAgo(1),
      daysSinceLastProductionChange: 1,
    });
  });

  it('leaves out the rate and the age where there is nothing to judge', () => {
    expect(entityFacts([], NOW)).toEqual({
      openChanges: 0,
      overdueRetrospectives: 0,
      productionChanges: 0,
      failedChanges: 0,
    });
    const old = entityFacts([change('completed', 200)], NOW);
    expect(old).not.toHaveProperty('changeFailureRate');
    expect(old.daysSinceLastProductionChange).toBe(200);
  });
});
