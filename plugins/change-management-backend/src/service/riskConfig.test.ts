import { ConfigReader } from '@backstage/config';
import { DEFAULT_RISK_CONFIG } from '@trove/backstage-plugin-change-management-common';
import { readRiskConfig } from './riskConfig';

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
