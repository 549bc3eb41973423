import { mockServices } from '@backstage/backend-test-utils';
import {
  CHANGE_STATES,
  CHANGE_TYPES,
  DEFAULT_SCORE_WEIGHTS,
  deliveryMetrics,
  incidentCauses,
} from '@trove/backstage-plugin-change-management-common';
import {
  ALONE,
  Fixture,
  fixture,
  insertFixtures,
  LEDGER,
  PLACES,
  rounded,
  SERVICE,
  SYSTEM,
} from '../__testUtils__/metricsFixtures';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseChangeStore } from '../database/DatabaseChangeStore';

jest.setTimeout(120_000);

// Many generated changes, of every type and state, deployed on whole hours
// (so that deploys tie), verified or not, sometimes named as a cause: the
// SQL and the judges must agree on every figure of every entity and
// period, for every reader.

const NOW = new Date('2026-06-12T10:00:00.000Z');
const START = Date.parse('2026-03-01T00:00:00.000Z');
const HOUR = 3_600_000;

/** A small deterministic generator, so that a failure reproduces. */
function picker(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  return <T>(items: readonly T[]): T =>
    items[Math.floor(next() * items.length)];
}

function generated(count: number): Fixture[] {
  const pick = picker(21);
  const all: Fixture[] = [];
  const hours = (h: number) => new Date(START + h * HOUR).toISOString();
  for (let i = 0; i < count; i++) {
    const type = pick(CHANGE_TYPES);
    const deployHour = pick([
      undefined,
      ...Array.from({ length: 60 }, (_, h) => h * 24 + pick([0, 6, 12])),
    ]);
    const submitted =
      deployHour === undefined ? undefined : deployHour - pick([1, 5, 24, 72]);
    const due = deployHour === undefined ? undefined : deployHour + 48;
    all.push(
      fixture({
        type,
        state: pick(CHANGE_STATES),
        place: pick(Object.keys(PLACES)),
        createdBy: pick(['user:default/alice', 'user:default/bob']),
        submits:
          submitted === undefined
            ? pick([[], [hours(0)]])
            : pick([
                [],
                [hours(submitted)],
                [hours(submitted), hours(submitted + 2)],
              ]),
        deployedAt: deployHour === undefined ? undefined : hours(deployHour),
        verified: pick([undefined, 'yes', 'no'] as const),
        issues: pick(['', 'Slow for a while']),
        causedBy:
          type === 'emergency' && all.length
            ? pick([undefined, pick(all).change])
            : undefined,
        severity:
          type === 'emergency'
            ? pick([undefined, 'P1', 'P2'] as const)
            : undefined,
        retrospectiveDueAt:
          type === 'emergency' && due !== undefined ? hours(due) : undefined,
        retrospective:
          type === 'emergency' && due !== undefined
            ? pick([
                undefined,
                { at: hours(due - 1), late: false },
                { at: hours(due + 1), late: true },
              ])
            : undefined,
      }),
    );
  }
  return all;
}

const PERIODS = [
  {
    from: new Date('2026-03-01T00:00:00.000Z'),
    to: new Date('2026-05-01T00:00:00.000Z'),
  },
  {
    from: new Date('2026-03-17T06:00:00.000Z'),
    to: new Date('2026-04-02T12:00:00.000Z'),
  },
  {
    from: new Date('2026-04-20T00:00:00.000Z'),
    to: new Date('2026-04-21T00:00:00.000Z'),
  },
];

describe('the metrics, in memory and in SQL, on generated changes', () => {
  const databases = createTestDatabases();
  const all = generated(400);
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
      await insertFixtures(knex, all);
    }
  });

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it('agree on every figure of every entity and period', async () => {
      const causes = incidentCauses(all.map(f => f.change));
      for (const entityRef of [SYSTEM, SERVICE, LEDGER, ALONE]) {
        for (const period of PERIODS) {
          const query = {
            entityRef,
            ...period,
            now: NOW,
            weights: DEFAULT_SCORE_WEIGHTS,
          };
          const expected = deliveryMetrics({
            ...query,
            changes: all.map(f => f.judged),
            causes,
          });
          expect(rounded(await stores.get(databaseId)!.metrics(query))).toEqual(
            rounded(expected),
          );
        }
      }
      // Every figure is exercised, not zero or null everywhere.
      const system = deliveryMetrics({
        entityRef: SYSTEM,
        ...PERIODS[0],
        now: NOW,
        weights: DEFAULT_SCORE_WEIGHTS,
        changes: all.map(f => f.judged),
        causes,
      });
      expect(system.deployments.total).toBeGreaterThan(50);
      expect(system.changeFailureRate.failed).toBeGreaterThan(0);
      expect(system.changeFailureRate.failed).toBeLessThan(
        system.deployments.total,
      );
      expect(system.recoveryHours.count).toBeGreaterThan(2);
      expect(system.leadTimeHours.count).toBeGreaterThan(2);
      expect(system.emergencies.retrospectives.onTime).toBeGreaterThan(0);
      expect(system.emergencies.retrospectives.due).toBeGreaterThan(
        system.emergencies.retrospectives.onTime,
      );
      // Named causes count: without them, fewer failures.
      expect(
        deliveryMetrics({
          entityRef: SYSTEM,
          ...PERIODS[0],
          now: NOW,
          weights: DEFAULT_SCORE_WEIGHTS,
          changes: all.map(f => f.judged),
          causes: new Map(),
        }).changeFailureRate.failed,
      ).toBeLessThan(system.changeFailureRate.failed);
    });

    it('count only the changes the reader may see, recoveries included', async () => {
      const alices = all.filter(
        f => f.change.createdBy === 'user:default/alice',
      );
      // Named causes are facts of the named change: read from every change.
      const causes = incidentCauses(all.map(f => f.change));
      for (const entityRef of [SYSTEM, SERVICE]) {
        const query = {
          entityRef,
          ...PERIODS[0],
          now: NOW,
          weights: DEFAULT_SCORE_WEIGHTS,
        };
        const sql = await stores.get(databaseId)!.metrics({
          ...query,
          permissionFilter: {
            key: 'createdBy',
            values: ['user:default/alice'],
          } as any,
        });
        expect(rounded(sql)).toEqual(
          rounded(
            deliveryMetrics({
              ...query,
              changes: alices.map(f => f.judged),
              causes,
            }),
          ),
        );
      }
    });
  });
});
