import {
  changeScore,
  DEFAULT_SCORE_WEIGHTS,
  deployOutcome,
} from './changeScore';

const deployed = { by: 'user:default/alice', at: '2026-03-03T00:00:00.000Z' };
const change = (patch: object) => ({
  id: 'c1',
  state: 'completed' as const,
  deployed,
  ...patch,
});
const NONE = new Map();

describe('changeScore', () => {
  it('scores the outcome of a deploy', () => {
    const score = (patch: object) =>
      changeScore(change(patch), NONE, DEFAULT_SCORE_WEIGHTS);
    expect(
      score({ postDeploymentVerified: 'yes', issuesEncountered: '' }),
    ).toBe(3);
    expect(
      score({ postDeploymentVerified: 'yes', issuesEncountered: 'Slow' }),
    ).toBe(-2);
    expect(score({ postDeploymentVerified: 'no' })).toBe(-5);
    expect(score({ state: 'rolled_back', postDeploymentVerified: 'yes' })).toBe(
      -5,
    );
    // Deployed, not yet verified; or never deployed.
    expect(score({ state: 'deployed' })).toBe(0);
    expect(score({ deployed: undefined, postDeploymentVerified: 'no' })).toBe(
      0,
    );
  });

  it('adds the worst incident an emergency names it the cause of', () => {
    const clean = change({
      postDeploymentVerified: 'yes',
      issuesEncountered: '',
    });
    const causedBy = (severity?: 'P1' | 'P2') =>
      changeScore(clean, new Map([['c1', severity]]), DEFAULT_SCORE_WEIGHTS);
    expect(causedBy('P1')).toBe(3 - 10);
    expect(causedBy('P2')).toBe(3 - 5);
    expect(causedBy(undefined)).toBe(3);
    expect(
      changeScore(change({ state: 'rolled_back' }), new Map([['c1', 'P1']]), {
        ...DEFAULT_SCORE_WEIGHTS,
        failed: -1,
        causedP1Emergency: -20,
      }),
    ).toBe(-21);
  });

  it('names the outcome the score is taken from', () => {
    expect(deployOutcome(change({ postDeploymentVerified: 'yes' }))).toBe(
      'verifiedWithoutIssues',
    );
    expect(deployOutcome(change({ state: 'deployed' }))).toBeUndefined();
  });
});
