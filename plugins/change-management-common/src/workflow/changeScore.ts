import { Change } from '../types';
import { failedOnItsOwn, IncidentCauses } from './changeFailure';

// Issue 21, metrics: the change success score, in the spirit of
// ServiceNow's. Each production change scores by how it went, and loses
// more when an emergency names it as the cause of its incident. The SQL
// form is the backend's database/metricsQuery.ts; tests/metrics*.test.ts
// compare the two.

/**
 * The points of the change success score. Configurable as
 * `changeManagement.metrics.scoreWeights`.
 *
 * @public
 */
export interface ScoreWeights {
  /** Verified "Yes" with no issues encountered. */
  verifiedWithoutIssues: number;
  /** Verified "Yes", with issues encountered written down. */
  verifiedWithIssues: number;
  /** Failed on its own record: rolled back, or verified "No". */
  failed: number;
  /** Named as the cause by an emergency of a P1 incident. */
  causedP1Emergency: number;
  /** Named as the cause by an emergency of a P2 incident (none of P1). */
  causedP2Emergency: number;
}

/** The weights unless configured. @public */
export const DEFAULT_SCORE_WEIGHTS: ScoreWeights = {
  verifiedWithoutIssues: 3,
  verifiedWithIssues: -2,
  failed: -5,
  causedP1Emergency: -10,
  causedP2Emergency: -5,
};

/**
 * How a production change went, for the score: failed on its own record,
 * verified with or without issues, or not yet judged (deployed, not
 * verified), which scores nothing.
 *
 * @public
 */
export function deployOutcome(
  change: Pick<
    Change,
    'state' | 'deployed' | 'postDeploymentVerified' | 'issuesEncountered'
  >,
): 'failed' | 'verifiedWithIssues' | 'verifiedWithoutIssues' | undefined {
  if (failedOnItsOwn(change)) return 'failed';
  if (change.postDeploymentVerified !== 'yes') return undefined;
  // Issues are whatever the verifier wrote; an empty field is none.
  return change.issuesEncountered
    ? 'verifiedWithIssues'
    : 'verifiedWithoutIssues';
}

/**
 * The score of one production change: its outcome's points, plus those of
 * the worst incident an emergency names it as the cause of. A change not
 * deployed scores nothing.
 *
 * @public
 */
export function changeScore(
  change: Pick<
    Change,
    'id' | 'state' | 'deployed' | 'postDeploymentVerified' | 'issuesEncountered'
  >,
  causes: IncidentCauses,
  weights: ScoreWeights,
): number {
  if (!change.deployed) return 0;
  const outcome = deployOutcome(change);
  const severity = causes.get(change.id);
  const incident =
    (severity === 'P1' && weights.causedP1Emergency) ||
    (severity === 'P2' && weights.causedP2Emergency) ||
    0;
  return (outcome ? weights[outcome] : 0) + incident;
}
