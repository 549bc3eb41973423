import {
  EntityMetrics,
  entityMetricsSchema,
  MetricsOverview,
  metricsOverviewSchema,
} from '@trove/backstage-plugin-change-management-common';

/**
 * Four weeks of a System's figures, checked against the response schema so
 * the fixture cannot drift from what the server sends.
 */
export function anEntityMetrics(
  overrides: Partial<EntityMetrics> = {},
): EntityMetrics {
  return entityMetricsSchema.parse({
    entityRef: 'system:default/payments',
    from: '2026-09-07T00:00:00.000Z',
    to: '2026-10-05T00:00:00.000Z',
    deployments: {
      total: 12,
      byType: { standard: 7, emergency: 3, infrastructure: 2 },
      perWeek: [
        {
          weekStart: '2026-09-07',
          standard: 2,
          emergency: 1,
          infrastructure: 0,
        },
        {
          weekStart: '2026-09-14',
          standard: 3,
          emergency: 0,
          infrastructure: 1,
        },
        {
          weekStart: '2026-09-21',
          standard: 0,
          emergency: 2,
          infrastructure: 0,
        },
        {
          weekStart: '2026-09-28',
          standard: 2,
          emergency: 0,
          infrastructure: 1,
        },
      ],
    },
    leadTimeHours: { count: 12, median: 26.5, p90: 75.25 },
    changeFailureRate: { deployed: 12, failed: 3, rate: 0.25 },
    recoveryHours: { count: 2, median: 4.5 },
    emergencies: {
      count: 3,
      share: 0.25,
      retrospectives: { due: 3, onTime: 2 },
    },
    score: {
      total: 11,
      perWeek: [
        { weekStart: '2026-09-07', score: 4 },
        { weekStart: '2026-09-14', score: 12 },
        { weekStart: '2026-09-21', score: -13 },
        { weekStart: '2026-09-28', score: 8 },
      ],
    },
    ...overrides,
  });
}

/** A period in which nothing was deployed: every week zero, figures null. */
export function anEmptyPeriod(): EntityMetrics {
  const weeks = ['2026-09-07', '2026-09-14'];
  return anEntityMetrics({
    deployments: {
      total: 0,
      byType: { standard: 0, emergency: 0, infrastructure: 0 },
      perWeek: weeks.map(weekStart => ({
        weekStart,
        standard: 0,
        emergency: 0,
        infrastructure: 0,
      })),
    },
    leadTimeHours: { count: 0, median: null, p90: null },
    changeFailureRate: { deployed: 0, failed: 0, rate: null },
    recoveryHours: { count: 0, median: null },
    emergencies: {
      count: 0,
      share: null,
      retrospectives: { due: 0, onTime: 0 },
    },
    score: {
      total: 0,
      perWeek: weeks.map(weekStart => ({ weekStart, score: 0 })),
    },
  });
}

const weeks = (...scores: number[]) =>
  scores.map((score, i) => ({
    weekStart: ['2026-09-07', '2026-09-14', '2026-09-21', '2026-09-28'][i],
    score,
  }));

/**
 * Three Systems and two groups over four weeks, checked against the
 * response schema: payments deploys most and fails least, storefront has
 * measured nothing but its exceptions.
 */
export function anOverview(
  overrides: Partial<MetricsOverview> = {},
): MetricsOverview {
  const row = (systemRef: string, figures: Record<string, unknown>) => ({
    systemRef,
    leadTimeHours: { count: 0, median: null, p90: null },
    changeFailureRate: { deployed: 0, failed: 0, rate: null },
    recoveryHours: { count: 0, median: null },
    score: { total: 0, perWeek: weeks(0, 0, 0, 0) },
    exceptions: 0,
    overdue: 0,
    ...figures,
  });
  return metricsOverviewSchema.parse({
    from: '2026-09-07T00:00:00.000Z',
    to: '2026-10-05T00:00:00.000Z',
    systems: [
      row('system:default/payments', {
        deployments: { total: 12, perWeek: 3 },
        leadTimeHours: { count: 12, median: 26.5, p90: 75.25 },
        changeFailureRate: { deployed: 12, failed: 1, rate: 1 / 12 },
        recoveryHours: { count: 1, median: 4.5 },
        score: { total: 20, perWeek: weeks(2, 3, 7, 8) },
        exceptions: 1,
      }),
      row('system:default/platform-infra', {
        deployments: { total: 2, perWeek: 0.5 },
        leadTimeHours: { count: 2, median: 2, p90: 2 },
        changeFailureRate: { deployed: 2, failed: 1, rate: 0.5 },
        score: { total: -2, perWeek: weeks(3, 0, -5, 0) },
        overdue: 1,
      }),
      row('system:default/storefront', {
        deployments: { total: 0, perWeek: 0 },
        exceptions: 4,
        overdue: 2,
      }),
    ],
    groups: [
      {
        ownerRef: 'group:default/payments',
        score: { total: 20, perWeek: weeks(2, 3, 7, 8) },
      },
      {
        ownerRef: 'group:default/platform',
        score: { total: -2, perWeek: weeks(3, 0, -5, 0) },
      },
    ],
    ...overrides,
  });
}
