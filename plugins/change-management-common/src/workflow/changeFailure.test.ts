import {
  entityFacts,
  FAILED_VERIFICATION,
  incidentCauses,
  isFailedChange,
  ROLLED_BACK_STATES,
} from './changeFailure';

const NONE = new Map();
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
      isFailedChange(
        { id: 'c1', state: 'rolled_back', deployed: deployed(1) },
        NONE,
      ),
    ).toBe(true);
    expect(
      isFailedChange(
        {
          id: 'c1',
          state: 'completed',
          deployed: deployed(1),
          postDeploymentVerified: 'no',
        },
        NONE,
      ),
    ).toBe(true);
    expect(
      isFailedChange(
        {
          id: 'c1',
          state: 'completed',
          deployed: deployed(1),
          postDeploymentVerified: 'yes',
        },
        NONE,
      ),
    ).toBe(false);
    // Deployed, not yet verified: not failed (yet).
    expect(
      isFailedChange(
        { id: 'c1', state: 'deployed', deployed: deployed(1) },
        NONE,
      ),
    ).toBe(false);
  });

  it('is a production change an emergency names as the cause of its incident', () => {
    const named = {
      id: 'c1',
      state: 'completed' as const,
      postDeploymentVerified: 'yes' as const,
    };
    const causes = incidentCauses([
      {
        type: 'emergency',
        state: 'completed',
        causedBy: 'c1',
        incident: { ref: 'INC-1', severity: 'P2' },
      },
      {
        type: 'emergency',
        state: 'deployed',
        causedBy: 'c1',
        incident: { ref: 'INC-2', severity: 'P1' },
      },
      // Withdrawn, or still a draft, or not an emergency: no claim.
      { type: 'emergency', state: 'cancelled', causedBy: 'c2' },
      { type: 'emergency', state: 'draft', causedBy: 'c3' },
      { type: 'standard', state: 'completed', causedBy: 'c4' },
    ]);
    expect([...causes]).toEqual([['c1', 'P1']]);
    expect(isFailedChange({ ...named, deployed: deployed(1) }, causes)).toBe(
      true,
    );
    // Never deployed, it failed nothing in production.
    expect(isFailedChange(named, causes)).toBe(false);
    expect(
      isFailedChange({ ...named, id: 'c2', deployed: deployed(1) }, causes),
    ).toBe(false);
  });
});

describe('entityFacts', () => {
  const change = (state: 'completed' | 'rolled_back', days: number) => ({
    id: `${state}-${days}`,
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
      NONE,
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
    expect(entityFacts([], NOW, NONE)).toEqual({
      openChanges: 0,
      overdueRetrospectives: 0,
      productionChanges: 0,
      failedChanges: 0,
    });
    const old = entityFacts([change('completed', 200)], NOW, NONE);
    expect(old).not.toHaveProperty('changeFailureRate');
    expect(old.daysSinceLastProductionChange).toBe(200);
  });
});
