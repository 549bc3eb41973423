import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type {
  ChangeType,
  RiskEntity,
} from '@trove/backstage-plugin-change-management-common';

/**
 * The change as a risk factor sees it: as it will be stored after the
 * raise, edit or submit being assessed.
 *
 * @public
 */
export interface RiskAssessedChange {
  /** Absent while the change is being raised. */
  id?: string;
  type: ChangeType;
  title: string;
  pullRequestUrl?: string;
  plannedStart?: string;
  plannedEnd?: string;
  affectedEntityRefs: string[];
}

/**
 * What the assessment already read, for a factor to reuse instead of asking
 * the catalog again.
 *
 * @public
 */
export interface RiskFactorContext {
  /** The affected entities, as read from the catalog. */
  affected: RiskEntity[];
  /** Their dependents, up to the configured depth. */
  dependents: RiskEntity[];
  now: Date;
}

/**
 * One extra factor of the risk (issue 24), added by a backend module: for
 * example the size of the pull request, or an open incident. `assess`
 * answers the points it adds and the reason in words, or undefined when it
 * has nothing to say. A factor that throws is left out of the assessment
 * and logged, so that one integration never blocks a change.
 *
 * @public
 */
export interface ChangeRiskFactor {
  /** Names the factor in the reasons, e.g. `github-pr-size`. */
  id: string;
  assess(
    change: RiskAssessedChange,
    ctx: RiskFactorContext,
  ): Promise<{ points: number; message: string } | undefined>;
}

/** @public */
export interface ChangeRiskFactorsExtensionPoint {
  addRiskFactor(...factors: ChangeRiskFactor[]): void;
}

/**
 * Where backend modules add their own factors to the risk of a change.
 *
 * @public
 */
export const changeRiskFactorsExtensionPoint =
  createExtensionPoint<ChangeRiskFactorsExtensionPoint>({
    id: 'change-management.risk-factors',
  });
