import { z } from 'zod';
import type { Change } from '../types';
import type { RiskLevel } from './changeRisk';
import { closuresHold, plannedWindowOf } from './plannedWindow';
import {
  describeWorkingHours,
  WorkingHours,
  withinWorkingHours,
} from './windowWarnings';

/**
 * Issue 24: what a high-risk change must meet beyond the SOP, from config
 * `changeManagement.risk.policies.highRisk`. Every policy is off by
 * default, and then the SOP holds unchanged.
 *
 * @public
 */
export interface RiskPolicies {
  highRisk: {
    /** Two peer reviews by two different engineers, neither the author. */
    twoPeerReviews: boolean;
    /** A planned window before it is submitted. */
    requirePlannedWindow: boolean;
    /** Its production deploy only within `changeManagement.workingHours`. */
    noDeployOutsideWorkingHours: boolean;
  };
}

/** The names of the policies, as config and refusals name them. @public */
export const riskPolicyNameSchema = z.enum([
  'twoPeerReviews',
  'requirePlannedWindow',
  'noDeployOutsideWorkingHours',
]);

/** @public */
export type RiskPolicyName = z.infer<typeof riskPolicyNameSchema>;

/** The policies that change nothing: the default. @public */
export const NO_RISK_POLICIES: RiskPolicies = {
  highRisk: {
    twoPeerReviews: false,
    requirePlannedWindow: false,
    noDeployOutsideWorkingHours: false,
  },
};

/** The names of the policies, in the order config lists them. @public */
export const RISK_POLICY_NAMES = riskPolicyNameSchema.options;

/** What the policies read of a change. */
export type PolicyChange = Pick<Change, 'type'> & Partial<Pick<Change, 'risk'>>;

/**
 * Whether this policy binds this change: it is on, the change's stored risk
 * is high, and the change is standard or infrastructure. An emergency is
 * exempt from every policy, as it goes through the freeze: it has no peer
 * review and no planned window, and a P1 is fixed when it happens.
 *
 * @public
 */
export function policyBinds(
  policy: RiskPolicyName,
  change: PolicyChange,
  policies: RiskPolicies = NO_RISK_POLICIES,
): boolean {
  return (
    policies.highRisk[policy] &&
    change.risk?.level === 'high' &&
    closuresHold(change.type)
  );
}

/**
 * The policies that bind this change now (policyBinds), by name: what the
 * server tells its page, so the page's next-step sentence says what a
 * high-risk change still misses without reading the server's config.
 *
 * @public
 */
export function bindingRiskPolicies(
  change: PolicyChange,
  policies: RiskPolicies = NO_RISK_POLICIES,
): RiskPolicyName[] {
  return RISK_POLICY_NAMES.filter(name => policyBinds(name, change, policies));
}

/**
 * The policies as the page knows them, from the names that bind its change
 * (bindingRiskPolicies): each named one on, the others off.
 *
 * @public
 */
export function riskPoliciesFrom(
  names: readonly RiskPolicyName[],
): RiskPolicies {
  const on = (name: RiskPolicyName) => names.includes(name);
  return {
    highRisk: {
      twoPeerReviews: on('twoPeerReviews'),
      requirePlannedWindow: on('requirePlannedWindow'),
      noDeployOutsideWorkingHours: on('noDeployOutsideWorkingHours'),
    },
  };
}

/**
 * How many peer reviews the change needs before CTO approval: two where the
 * `twoPeerReviews` policy binds it, otherwise one.
 *
 * @public
 */
export function peerReviewsRequired(
  change: PolicyChange,
  policies?: RiskPolicies,
): 1 | 2 {
  return policyBinds('twoPeerReviews', change, policies) ? 2 : 1;
}

/**
 * What the `requirePlannedWindow` policy still misses at submit, in words;
 * undefined when it does not bind or the window is there.
 *
 * @public
 */
export function missingPlannedWindow(
  change: PolicyChange & Pick<Change, 'plannedStart' | 'plannedEnd'>,
  policies?: RiskPolicies,
): string | undefined {
  if (
    !policyBinds('requirePlannedWindow', change, policies) ||
    plannedWindowOf(change)
  ) {
    return undefined;
  }
  return 'A high-risk change needs a planned window (planned start and end) before it is submitted';
}

/**
 * Why the `noDeployOutsideWorkingHours` policy holds the production deploy
 * back at `now`, in words; undefined when it does not bind or `now` is
 * within working hours. Without working hours configured nothing is outside
 * them (config refuses the policy without them at start-up).
 *
 * @public
 */
export function outsideWorkingHours(
  change: PolicyChange,
  options: {
    policies?: RiskPolicies;
    workingHours?: WorkingHours;
    now: Date;
  },
): string | undefined {
  const { policies, workingHours, now } = options;
  if (
    !workingHours ||
    !policyBinds('noDeployOutsideWorkingHours', change, policies)
  ) {
    return undefined;
  }
  const instant = now.toISOString();
  const window = { plannedStart: instant, plannedEnd: instant };
  if (withinWorkingHours(window, workingHours)) {
    return undefined;
  }
  return `A high-risk change deploys to production only within working hours, ${describeWorkingHours(
    workingHours,
  )}; deploy then`;
}

/** The refusal of a policy, with the risk level it judged. @public */
export function riskPolicyRefusal(
  policy: RiskPolicyName,
  level: RiskLevel | undefined,
  message: string,
) {
  return {
    ok: false as const,
    name: 'RiskPolicyError' as const,
    message: `${message} (changeManagement.risk.policies.highRisk.${policy})`,
    policy,
    riskLevel: level ?? 'high',
  };
}
