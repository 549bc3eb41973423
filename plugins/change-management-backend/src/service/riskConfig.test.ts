import { ConfigReader } from '@backstage/config';
import {
  DEFAULT_RISK_CONFIG,
  NO_RISK_POLICIES,
} from '@trove/backstage-plugin-change-management-common';
import { readRiskConfig, readRiskPolicies } from './riskConfig';

describe('readRiskConfig', () => {
  it('defaults every key', () => {
    expect(readRiskConfig(undefined)).toEqual(DEFAULT_RISK_CONFIG);
  });

  it('reads each key, keeping the defaults of the others', () => {
    const config = readRiskConfig(
      new ConfigReader({
        enabled: false,
        depth: 1,
        criticalityAnnotation: 'acme.com/tier',
        thresholds: { medium: 4 },
        weights: { emergency: 20 },
      }),
    );
    expect(config).toEqual({
      ...DEFAULT_RISK_CONFIG,
      enabled: false,
      depth: 1,
      criticalityAnnotation: 'acme.com/tier',
      thresholds: { ...DEFAULT_RISK_CONFIG.thresholds, medium: 4 },
      weights: { ...DEFAULT_RISK_CONFIG.weights, emergency: 20 },
    });
  });

  it('refuses a negative weight and a high threshold below medium', () => {
    expect(() =>
      readRiskConfig(new ConfigReader({ weights: { perDependent: -1 } })),
    ).toThrow('changeManagement.risk.weights.perDependent');
    expect(() =>
      readRiskConfig(new ConfigReader({ thresholds: { medium: 30 } })),
    ).toThrow('high must not be below medium');
  });
});

describe('readRiskPolicies', () => {
  const hours = {
    timeZone: 'UTC',
    days: [1, 2, 3, 4, 5],
    start: '09:00',
    end: '17:00',
  };

  it('leaves every policy off by default', () => {
    expect(readRiskPolicies(undefined, undefined)).toEqual(NO_RISK_POLICIES);
  });

  it('reads each policy, the others off', () => {
    expect(
      readRiskPolicies(
        new ConfigReader({ highRisk: { twoPeerReviews: true } }),
        undefined,
      ),
    ).toEqual({
      highRisk: { ...NO_RISK_POLICIES.highRisk, twoPeerReviews: true },
    });
  });

  it('refuses noDeployOutsideWorkingHours without working hours', () => {
    const config = new ConfigReader({
      highRisk: { noDeployOutsideWorkingHours: true },
    });
    expect(() => readRiskPolicies(config, undefined)).toThrow(
      'it needs changeManagement.workingHours',
    );
    expect(readRiskPolicies(config, hours).highRisk).toMatchObject({
      noDeployOutsideWorkingHours: true,
    });
  });
});
