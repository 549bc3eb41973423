import { mockServices } from '@backstage/backend-test-utils';
import {
  DEFAULT_SCORE_WEIGHTS,
  deliveryMetrics,
  EntityMetrics,
  incidentCauses,
} from '@trove/backstage-plugin-change-management-common';
import {
  ALONE,
  Fixture,
  fixture,
  insertFixtures,
  LEDGER,
  rounded,
  SERVICE,
  SYSTEM,
} from '../__testUtils__/metricsFixtures';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { MetricsQuery } from '../database/ChangeStore';
import { DatabaseChangeStore } from '../database/DatabaseChangeStore';

jest.setTimeout(120_000);

// Known fixtures with figures worked out by hand (issue 21's "known
// fixtures give known figures"), each also computed by the judges in
// memory: the SQL must give both.

const NOW = new Date('2026-06-12T10:00:00.000Z');
const t = (iso: string) => `2026-${iso}:00.000Z`;

const s1 = fixture({
  place: 'service',
  submits: [t('03-01T00:00')],
  deployedAt: t('03-03T00:00'),
  verified: 'yes',
});
const s2 = fixture({
  place: 'ledger',
  submits: [t('03-02T00:00')],
  deployedAt: t('03-04T12:00'),
  verified: 'yes',
  issues: 'Slow refunds for an hour',
});
const s3 = fixture({
  place: 'service',
  state: 'rolled_back',
  submits: [t('03-09T00:00')],
  deployedAt: t('03-10T00:00'),
});
const s4 = fixture({
  type: 'infrastructure',
  place: 'service',
  // Sent back and submitted again: the first submit counts.
  submits: [t('03-10T00:00'), t('03-10T12:00')],
  deployedAt: t('03-11T00:00'),
  verified: 'yes',
});
const e1 = fixture({
  type: 'emergency',
  place: 'service',
  causedBy: s4.change,
  severity: 'P1',
  submits: [t('03-11T02:00')],
  deployedAt: t('03-11T06:00'),
  verified: 'yes',
  retrospectiveDueAt: t('03-13T06:00'),
  retrospective: { at: t('03-12T06:00'), late: false },
});
const s5 = fixture({
  place: 'ledger',
  submits: [t('03-16T00:00')],
  deployedAt: t('03-17T00:00'),
  verified: 'no',
});
// Imported without its trail: no submit, so no lead time.
const s6 = fixture({
  place: 'ledger',
  deployedAt: t('03-18T00:00'),
  verified: 'yes',
});
const e2 = fixture({
  type: 'emergency',
  state: 'deployed',
  place: 'service',
  causedBy: s1.change,
  severity: 'P2',
  submits: [t('03-24T00:00')],
  deployedAt: t('03-24T01:00'),
  retrospectiveDueAt: t('03-26T01:00'),
});
const others = [
  // Not part of the System.
  fixture({
    place: 'alone',
    submits: [t('03-05T00:00')],
    deployedAt: t('03-06T00:00'),
    verified: 'no',
  }),
  // Before the period, and at its exclusive end.
  fixture({
    place: 'service',
    state: 'rolled_back',
    submits: [t('02-19T00:00')],
    deployedAt: t('02-20T00:00'),
  }),
  fixture({
    place: 'service',
    submits: [t('03-29T00:00')],
    deployedAt: t('03-30T00:00'),
    verified: 'yes',
  }),
  // Claims that do not count: a draft and a cancelled emergency.
  fixture({
    type: 'emergency',
    state: 'draft',
    place: 'service',
    causedBy: s2.change,
    severity: 'P1',
  }),
  fixture({
    type: 'emergency',
    state: 'cancelled',
    place: 'service',
    causedBy: s6.change,
    severity: 'P1',
  }),
];
const ALL: Fixture[] = [s1, s2, s3, s4, e1, s5, s6, e2, ...others];

const MARCH = {
  from: new Date(t('03-02T00:00')),
  to: new Date(t('03-30T00:00')),
};

const week = (
  weekStart: string,
  standard: number,
  emergency: number,
  infrastructure: number,
) => ({
  weekStart,
  standard,
  emergency,
  infrastructure,
});

/** The System in March, worked out by hand (see the fixtures above). */
const SYSTEM_IN_MARCH: EntityMetrics = {
  entityRef: SYSTEM,
  from: MARCH.from.toISOString(),
  to: MARCH.to.toISOString(),
  deployments: {
    total: 8,
    byType: { standard: 5, emergency: 2, infrastructure: 1 },
    perWeek: [
      week('2026-03-02', 2, 0, 0),
      week('2026-03-09', 1, 1, 1),
      week('2026-03-16', 2, 0, 0),
      week('2026-03-23', 0, 1, 0),
    ],
  },
  // 1, 4, 24, 24, 24, 48, 60 (s6 has no submit)
  leadTimeHours: { count: 7, median: 24, p90: 52.8 },
  // s1 and s4 named by emergencies, s3 rolled back, s5 verified "No"
  changeFailureRate: { deployed: 8, failed: 4, rate: 0.5 },
  // s4 → e1 6 h; s3 → s4 24 h; s5 → s6 24 h; s1 → s4 192 h
  recoveryHours: { count: 4, median: 24 },
  // e2's retrospective is overdue at NOW; e1's was on time
  emergencies: { count: 2, share: 0.25, retrospectives: { due: 2, onTime: 1 } },
  // s1 3 − 5, s2 −2 | s3 −5, s4 3 − 10, e1 3 | s5 −5, s6 3 | e2 0
  score: {
    total: -15,
    perWeek: [
      { weekStart: '2026-03-02', score: -4 },
      { weekStart: '2026-03-09', score: -9 },
      { weekStart: '2026-03-16', score: -2 },
      { weekStart: '2026-03-23', score: 0 },
    ],
  },
};

describe('the metrics, in memory and in SQL, on known fixtures', () => {
  const databases = createTestDatabases();
  const stores = new Map<string, DatabaseChangeStore>();
  const knexes = new Map<string, Knex>();

  beforeAll(async () => {
    for (const [id] of databases.eachSupportedId()) {
      const knex = await databases.init(id);
      knexes.set(id, knex);
      stores.set(
        id,
        await DatabaseChangeStore.create({
          database: mockServices.database({ knex }),
        }),
      );
      await insertFixtures(knex, ALL);
    }
  });

  /** The figures as the judges give them, over the same changes. */
  const judged = (query: Omit<MetricsQuery, 'now' | 'weights'>) =>
    deliveryMetrics({
      ...query,
      changes: ALL.map(f => f.judged),
      causes: incidentCauses(ALL.map(f => f.change)),
      now: NOW,
      weights: DEFAULT_SCORE_WEIGHTS,
    });

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    const sql = (query: Omit<MetricsQuery, 'now' | 'weights'>) =>
      stores
        .get(databaseId)!
        .metrics({ ...query, now: NOW, weights: DEFAULT_SCORE_WEIGHTS });

    it('give the known figures of each key and the score for a System', async () => {
      const query = { entityRef: SYSTEM, ...MARCH };
      expect(rounded(judged(query))).toEqual(SYSTEM_IN_MARCH);
      expect(rounded(await sql(query))).toEqual(SYSTEM_IN_MARCH);
    });

    it('agree for each part, and for a component of no System', async () => {
      for (const entityRef of [SERVICE, LEDGER, ALONE]) {
        const query = { entityRef, ...MARCH };
        expect(rounded(await sql(query))).toEqual(rounded(judged(query)));
      }
      // The parts add up to the System, as no change here touches both.
      const [service, ledger] = await Promise.all(
        [SERVICE, LEDGER].map(entityRef => sql({ entityRef, ...MARCH })),
      );
      expect(service.deployments.total + ledger.deployments.total).toBe(8);
      expect(service.score.total + ledger.score.total).toBe(-15);
    });

    it('answer an empty period with zeros, nulls and its empty weeks', async () => {
      const query = {
        entityRef: SYSTEM,
        from: new Date('2025-01-01T00:00:00.000Z'),
        to: new Date('2025-02-01T00:00:00.000Z'),
      };
      const weeks = [
        '2024-12-30',
        '2025-01-06',
        '2025-01-13',
        '2025-01-20',
        '2025-01-27',
      ];
      const empty: EntityMetrics = {
        entityRef: SYSTEM,
        from: query.from.toISOString(),
        to: query.to.toISOString(),
        deployments: {
          total: 0,
          byType: { standard: 0, emergency: 0, infrastructure: 0 },
          perWeek: weeks.map(w => week(w, 0, 0, 0)),
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
      };
      expect(judged(query)).toEqual(empty);
      expect(await sql(query)).toEqual(empty);
    });

    it('answer a period with only failures', async () => {
      // s3 rolled back on the service, on the 10th of March.
      const query = {
        entityRef: SERVICE,
        from: new Date(t('03-10T00:00')),
        to: new Date(t('03-10T01:00')),
      };
      const figures = rounded(await sql(query));
      expect(figures).toEqual(rounded(judged(query)));
      expect(figures).toMatchObject({
        deployments: { total: 1, perWeek: [week('2026-03-09', 1, 0, 0)] },
        leadTimeHours: { count: 1, median: 24, p90: 24 },
        changeFailureRate: { deployed: 1, failed: 1, rate: 1 },
        // s4 deployed a day later and verified, after the period
        recoveryHours: { count: 1, median: 24 },
        score: { total: -5, perWeek: [{ weekStart: '2026-03-09', score: -5 }] },
      });
    });

    it('weigh the score as configured', async () => {
      const weights = {
        verifiedWithoutIssues: 1,
        verifiedWithIssues: 0,
        failed: -1,
        causedP1Emergency: -100,
        causedP2Emergency: -0.5,
      };
      const query = { entityRef: SYSTEM, ...MARCH, now: NOW, weights };
      // s1 1 − 0.5, s2 0, s3 −1, s4 1 − 100, e1 1, s5 −1, s6 1, e2 0
      const { score } = await stores.get(databaseId)!.metrics(query);
      expect(score.total).toBe(-98.5);
      expect(
        deliveryMetrics({
          ...query,
          changes: ALL.map(f => f.judged),
          causes: incidentCauses(ALL.map(f => f.change)),
        }).score,
      ).toEqual(score);
    });

    it("give each of several entities its deployed, failed and score, as its metrics count them, in one grouped query (the risk's history)", async () => {
      const knex = knexes.get(databaseId)!;
      const refs = [SERVICE, SYSTEM, ALONE, LEDGER];
      let queries = 0;
      const count = () => {
        queries += 1;
      };
      knex.on('query', count);
      const each = await stores.get(databaseId)!.deploymentTotalsOfEach({
        entityRefs: refs,
        ...MARCH,
        now: NOW,
        weights: DEFAULT_SCORE_WEIGHTS,
      });
      knex.removeListener('query', count);
      // One query, whatever the number of entities.
      expect(queries).toBe(1);
      for (const [i, entityRef] of refs.entries()) {
        const figures = await sql({ entityRef, ...MARCH });
        expect(each[i]).toEqual({
          entityRef,
          deployed: figures.changeFailureRate.deployed,
          failed: figures.changeFailureRate.failed,
          score: expect.closeTo(figures.score.total, 9),
        });
      }
      expect(each[1].deployed).toBe(SYSTEM_IN_MARCH.changeFailureRate.deployed);
      expect(each[1].deployed).toBeGreaterThan(0);
    });
  });
});
