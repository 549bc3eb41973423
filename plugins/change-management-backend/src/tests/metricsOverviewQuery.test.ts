import { mockServices } from '@backstage/backend-test-utils';
import {
  DEFAULT_SCORE_WEIGHTS,
  deliveryMetrics,
  incidentCauses,
  MetricsOverview,
} from '@trove/backstage-plugin-change-management-common';
import {
  Fixture,
  fixture,
  GROUPS,
  INFRA,
  insertFixtures,
  rounded,
  STOREFRONT,
  SYSTEM,
} from '../__testUtils__/metricsFixtures';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { MetricsOverviewQuery } from '../database/ChangeStore';
import { DatabaseChangeStore } from '../database/DatabaseChangeStore';

jest.setTimeout(120_000);

// Issue 21, the CTO's overview: known fixtures give known rows, and each
// System's figures are those GET /metrics gives for it, in SQL and by the
// judges in memory.

const NOW = new Date('2026-06-12T10:00:00.000Z');
const t = (iso: string) => `2026-${iso}:00.000Z`;
const DANA = 'user:default/dana';

const a = fixture({
  place: 'service',
  submits: [t('03-01T00:00')],
  deployedAt: t('03-03T00:00'),
  verified: 'yes',
});
const b = fixture({
  place: 'ledger',
  state: 'rolled_back',
  submits: [t('03-09T00:00')],
  deployedAt: t('03-10T00:00'),
});
const c = fixture({
  place: 'ledger',
  submits: [t('03-10T12:00')],
  deployedAt: t('03-11T00:00'),
  verified: 'yes',
});
// Deployed, never verified, its retrospective overdue: two exceptions.
const d = fixture({
  type: 'emergency',
  state: 'deployed',
  place: 'storefront',
  createdBy: DANA,
  submits: [t('03-15T00:00')],
  deployedAt: t('03-15T02:00'),
  retrospectiveDueAt: t('03-17T02:00'),
});
const ALL: Fixture[] = [
  a,
  b,
  c,
  d,
  // Before the period.
  fixture({
    place: 'storefront',
    submits: [t('01-30T00:00')],
    deployedAt: t('02-01T00:00'),
    verified: 'yes',
  }),
  // A System with changes, none deployed.
  fixture({ place: 'infra', state: 'draft' }),
  // Of no System, owned by no group.
  fixture({
    place: 'alone',
    submits: [t('03-05T00:00')],
    deployedAt: t('03-06T00:00'),
    verified: 'no',
  }),
];

const MARCH = {
  from: new Date(t('03-02T00:00')),
  to: new Date(t('03-30T00:00')),
};
const WEEKS = ['2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23'];
const scores = (...values: number[]) => ({
  total: values.reduce((sum, v) => sum + v, 0),
  perWeek: WEEKS.map((weekStart, i) => ({ weekStart, score: values[i] })),
});
const none = {
  leadTimeHours: { count: 0, median: null, p90: null },
  changeFailureRate: { deployed: 0, failed: 0, rate: null },
  recoveryHours: { count: 0, median: null },
};

/** March, worked out by hand. */
const OVERVIEW: MetricsOverview = {
  from: MARCH.from.toISOString(),
  to: MARCH.to.toISOString(),
  systems: [
    {
      systemRef: SYSTEM,
      // 3 over four weeks
      deployments: { total: 3, perWeek: 0.75 },
      // 48, 24, 12
      leadTimeHours: { count: 3, median: 24, p90: 43.2 },
      changeFailureRate: { deployed: 3, failed: 1, rate: 0.333333 },
      // b → c
      recoveryHours: { count: 1, median: 24 },
      score: scores(3, -5 + 3, 0, 0),
      exceptions: 0,
      overdue: 0,
    },
    {
      systemRef: INFRA,
      deployments: { total: 0, perWeek: 0 },
      ...none,
      score: scores(0, 0, 0, 0),
      exceptions: 0,
      overdue: 0,
    },
    {
      systemRef: STOREFRONT,
      deployments: { total: 1, perWeek: 0.25 },
      leadTimeHours: { count: 1, median: 2, p90: 2 },
      changeFailureRate: { deployed: 1, failed: 0, rate: 0 },
      recoveryHours: { count: 0, median: null },
      score: scores(0, 0, 0, 0),
      // not-verified, missing-retrospective
      exceptions: 2,
      overdue: 1,
    },
  ],
  groups: [
    { ownerRef: GROUPS.payments, score: scores(3, 0, 0, 0) },
    { ownerRef: GROUPS.platform, score: scores(0, -2, 0, 0) },
    { ownerRef: GROUPS.storefront, score: scores(0, 0, 0, 0) },
  ],
};

describe('the overview of every System, in SQL', () => {
  const databases = createTestDatabases();
  const stores = new Map<string, DatabaseChangeStore>();

  beforeAll(async () => {
    for (const [id] of databases.eachSupportedId()) {
      const knex = await databases.init(id);
      stores.set(
        id,
        await DatabaseChangeStore.create({
          database: mockServices.database({ knex }),
        }),
      );
      await insertFixtures(knex, ALL);
    }
  });

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    const overview = (query: Partial<MetricsOverviewQuery> = {}) =>
      stores.get(databaseId)!.metricsOverview({
        ...MARCH,
        now: NOW,
        weights: DEFAULT_SCORE_WEIGHTS,
        withExceptions: true,
        ...query,
      });

    it('gives the known rows of each System and owning group', async () => {
      expect(rounded(await overview())).toEqual(OVERVIEW);
    });

    it('gives each System the figures of GET /metrics and of the judges', async () => {
      const { systems } = await overview();
      for (const row of systems) {
        const query = {
          entityRef: row.systemRef,
          ...MARCH,
          now: NOW,
          weights: DEFAULT_SCORE_WEIGHTS,
        };
        const single = await stores.get(databaseId)!.metrics(query);
        const judged = deliveryMetrics({
          ...query,
          changes: ALL.map(f => f.judged),
          causes: incidentCauses(ALL.map(f => f.change)),
        });
        for (const figures of [single, judged]) {
          expect(rounded(row)).toMatchObject(
            rounded({
              deployments: { total: figures.deployments.total },
              leadTimeHours: figures.leadTimeHours,
              changeFailureRate: figures.changeFailureRate,
              recoveryHours: figures.recoveryHours,
              score: figures.score,
            }),
          );
        }
      }
    });

    it('leaves out what the reader may not see, and the exceptions unless asked', async () => {
      const danas = await overview({
        permissionFilter: { key: 'createdBy', values: [DANA] },
        withExceptions: false,
      });
      expect(danas.systems.map(s => s.systemRef)).toEqual([STOREFRONT]);
      expect(danas.groups.map(g => g.ownerRef)).toEqual([GROUPS.storefront]);
      expect(danas.systems[0]).toMatchObject({
        deployments: { total: 1 },
        exceptions: null,
        overdue: 1,
      });
    });

    it('answers an empty period with every System, zeros and nulls', async () => {
      const empty = await overview({
        from: new Date('2025-01-01T00:00:00.000Z'),
        to: new Date('2025-01-08T00:00:00.000Z'),
      });
      expect(empty.systems.map(s => s.systemRef)).toEqual([
        SYSTEM,
        INFRA,
        STOREFRONT,
      ]);
      for (const row of empty.systems) {
        expect(row).toMatchObject({
          deployments: { total: 0, perWeek: 0 },
          ...none,
          score: { total: 0 },
          exceptions: 0,
        });
      }
      // Overdue is as of now, whatever the period.
      expect(empty.systems.map(s => s.overdue)).toEqual([0, 0, 1]);
      expect(empty.groups.every(g => g.score.total === 0)).toBe(true);
    });
  });
});
