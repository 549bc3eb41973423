import { Config } from '@backstage/config';
import {
  DEFAULT_RISK_CONFIG,
  NO_RISK_POLICIES,
  RiskConfig,
  RiskPolicies,
  WorkingHours,
} from '@trove/backstage-plugin-change-management-common';

const number = (config: Config | undefined, key: string, otherwise: number) => {
  const value = config?.getOptionalNumber(key) ?? otherwise;
  if (!Number.isFinite(value) || value < 0) {
    throw new Error(
      `Invalid changeManagement.risk.${key}: ${value}; use a number, 0 or more`,
    );
  }
  return value;
};

/**
 * `changeManagement.risk` (issue 24), read once at start-up: every key
 * defaults to DEFAULT_RISK_CONFIG of -common, one by one.
 */
export function readRiskConfig(config: Config | undefined): RiskConfig {
  const d = DEFAULT_RISK_CONFIG;
  const weights = { ...d.weights };
  for (const key of Object.keys(weights) as (keyof RiskConfig['weights'])[]) {
    weights[key] = number(config, `weights.${key}`, d.weights[key]);
  }
  const thresholds = {
    medium: number(config, 'thresholds.medium', d.thresholds.medium),
    high: number(config, 'thresholds.high', d.thresholds.high),
  };
  if (thresholds.high < thresholds.medium) {
    throw new Error(
      'Invalid changeManagement.risk.thresholds: high must not be below medium',
    );
  }
  return {
    enabled: config?.getOptionalBoolean('enabled') ?? d.enabled,
    depth: number(config, 'depth', d.depth),
    maxCatalogReads: Math.max(
      1,
      number(config, 'maxCatalogReads', d.maxCatalogReads),
    ),
    criticalityAnnotation:
      config?.getOptionalString('criticalityAnnotation') ??
      d.criticalityAnnotation,
    nearFreezeDays: number(config, 'nearFreezeDays', d.nearFreezeDays),
    thresholds,
    weights,
  };
}

/**
 * `changeManagement.risk.policies` (issue 24), read once at start-up: each
 * policy is off unless set. `noDeployOutsideWorkingHours` needs
 * `changeManagement.workingHours`, or it could never be judged.
 */
export function readRiskPolicies(
  config: Config | undefined,
  workingHours: WorkingHours | undefined,
): RiskPolicies {
  const off = NO_RISK_POLICIES.highRisk;
  const highRisk = { ...off };
  for (const key of Object.keys(off) as (keyof typeof off)[]) {
    highRisk[key] = config?.getOptionalBoolean(`highRisk.${key}`) ?? off[key];
  }
  if (highRisk.noDeployOutsideWorkingHours && !workingHours) {
    throw new Error(
      'Invalid changeManagement.risk.policies.highRisk.noDeployOutsideWorkingHours: it needs changeManagement.workingHours',
    );
  }
  return { highRisk };
}
