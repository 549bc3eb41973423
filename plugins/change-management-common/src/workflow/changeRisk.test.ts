import { assessRisk, DEFAULT_RISK_CONFIG, RiskFacts } from './changeRisk';

const now = new Date('2026-06-01T10:00:00Z');
const quiet: RiskFacts = {
  type: 'standard',
  affected: [{ entityRef: 'component:default/leaf' }],
  dependents: [],
  truncated: false,
  history: { deployed: 0, failed: 0, score: 0, days: 90 },
  conflicts: 0,
  extra: [],
};

describe('assessRisk', () => {
  it('finds no reason in a leaf with no history', () => {
    expect(assessRisk(quiet, DEFAULT_RISK_CONFIG, now)).toEqual({
      level: 'low',
      score: 0,
      reasons: [],
      assessedAt: now.toISOString(),
    });
  });

  it('words the blast radius with its Systems and teams', () => {
    const dependents = Array.from({ length: 14 }, (_, i) => ({
      entityRef: `component:default/svc-${i}`,
      systemRef: `system:default/s${i % 3}`,
      ownerRef: `group:default/t${i % 2}`,
    }));
    const risk = assessRisk(
      {
        ...quiet,
        affected: [{ entityRef: 'resource:default/payments-db' }],
        dependents,
      },
      DEFAULT_RISK_CONFIG,
      now,
    );
    expect(risk.reasons).toEqual([
      {
        factor: 'blast-radius',
        points: 14 + 2 * 2 + 1 * 2,
        message: '14 entities depend on payments-db (3 Systems, 2 teams)',
      },
    ]);
    expect(risk.level).toBe('medium');
  });

  it('words the history, the type and the freeze, and sums their points', () => {
    const risk = assessRisk(
      {
        ...quiet,
        type: 'infrastructure',
        affected: [{ entityRef: 'component:default/payments' }],
        history: { deployed: 10, failed: 2, score: -4, days: 90 },
        daysBeforeFreeze: 3,
        conflicts: 1,
      },
      DEFAULT_RISK_CONFIG,
      now,
    );
    expect(risk.reasons.map(r => r.message)).toEqual([
      '2 of the last 10 changes to payments failed (90 days)',
      'An infrastructure change',
      'Planned 3 days before the freeze',
      'Their change success score over 90 days is -4',
      '1 open change collides with the planned window',
    ]);
    expect(risk.score).toBe(6 + 5 + 4 + 3 + 2);
    expect(risk.level).toBe('medium');
    const strict = {
      ...DEFAULT_RISK_CONFIG,
      thresholds: { medium: 5, high: 20 },
    };
    expect(assessRisk({ ...quiet, type: 'emergency' }, strict, now).level).toBe(
      'medium',
    );
  });

  it('counts a freeze over the days before it, and names a missing entity', () => {
    const risk = assessRisk(
      {
        ...quiet,
        affected: [{ entityRef: 'component:default/ghost', missing: true }],
        inFreezeOrBlackout: 'Planned in the year-end freeze',
        daysBeforeFreeze: 0,
      },
      DEFAULT_RISK_CONFIG,
      now,
    );
    expect(risk.reasons.map(r => r.factor)).toEqual(['freeze', 'catalog']);
    expect(risk.score).toBe(10);
    expect(risk.level).toBe('medium');
  });

  it('adds extra factors and reads the thresholds from config', () => {
    const config = {
      ...DEFAULT_RISK_CONFIG,
      thresholds: { medium: 1, high: 2 },
    };
    const risk = assessRisk(
      {
        ...quiet,
        extra: [{ factor: 'pr-size', points: 2, message: 'A big PR' }],
      },
      config,
      now,
    );
    expect(risk).toMatchObject({ level: 'high', score: 2 });
  });
});
