import {
  CHANGE_STATES,
  CHANGE_TYPES,
  DEFAULT_SCORE_WEIGHTS,
} from '@trove/backstage-plugin-change-management-common';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { mockServices, TestDatabaseId } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import {
  ALONE,
  AWS,
  fixture,
  Fixture,
  insertFixtures,
  LEDGER,
  PLACES,
  rounded,
  SERVICE,
  STOREFRONT,
  SYSTEM,
} from '../__testUtils__/metricsFixtures';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseChangeStore } from '../database/DatabaseChangeStore';
import { metricsQuery } from '../database/metricsQuery';
import { metricsRollupQuery } from '../database/metricsRollupQuery';
import {
  markDeployedStatement,
  MAX_BACKLOG,
  refreshMetricRollups,
} from '../database/metricRollups';

jest.setTimeout(180_000);

// Issue 21: the metrics read from the rollups must equal the metrics
// computed from the changes (metricsQuery.ts, itself checked against the
// judges in metricsCompare.test.ts), after every kind of write the
// triggers must notice; and the rollups kept by difference must equal the
// rollups judged from scratch.

const NOW = new Date('2026-06-12T10:00:00.000Z');
const START = Date.parse('2026-03-01T00:00:00.000Z');
const HOUR = 3_600_000;
const hours = (h: number) => new Date(START + h * HOUR);

function picker(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  return {
    next,
    pick: <T>(items: readonly T[]): T =>
      items[Math.floor(next() * items.length)],
  };
}

const { next, pick } = picker(2112);

function generated(count: number): Fixture[] {
  const all: Fixture[] = [];
  const iso = (h: number) => hours(h).toISOString();
  for (let i = 0; i < count; i++) {
    const type = pick(CHANGE_TYPES);
    const deployHour = pick([
      undefined,
      ...Array.from({ length: 60 }, (_, h) => h * 24 + pick([0, 7, 13])),
    ]);
    const submitted =
      deployHour === undefined ? undefined : deployHour - pick([1, 5, 30, 90]);
    all.push(
      fixture({
        type,
        state: pick(CHANGE_STATES),
        place: pick(Object.keys(PLACES)),
        submits: submitted === undefined ? [] : [iso(submitted)],
        deployedAt: deployHour === undefined ? undefined : iso(deployHour),
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
          type === 'emergency' && deployHour !== undefined
            ? iso(deployHour + 48)
            : undefined,
        retrospective:
          type === 'emergency' && deployHour !== undefined
            ? pick([undefined, { at: iso(deployHour + 40), late: false }])
            : undefined,
      }),
    );
  }
  return all;
}

const PERIODS: [Date, Date][] = [
  // In order: whole weeks with whole days around them (START is a
  // Sunday); whole weeks alone (Monday to Monday); whole weeks, whole days
  // and part-days at both ends; one whole day and part-days; less than a
  // day.
  [hours(0), hours(60 * 24)],
  [hours(1 * 24), hours(29 * 24)],
  [hours(17 * 24 + 6), hours(40 * 24 + 12)],
  [hours(3 * 24 + 1), hours(4 * 24 + 23)],
  [hours(20 * 24 + 2), hours(20 * 24 + 14)],
];
const KEYS = [SYSTEM, SERVICE, LEDGER, ALONE, STOREFRONT, AWS];

async function expectRollupsToMatchChanges(db: Knex) {
  await refreshMetricRollups(db);
  for (const entityRef of KEYS) {
    for (const [from, to] of PERIODS) {
      const query = {
        entityRef,
        from,
        to,
        now: NOW,
        weights: { ...DEFAULT_SCORE_WEIGHTS, verifiedWithIssues: -1.5 },
      };
      expect({
        entityRef,
        from,
        figures: rounded(await metricsRollupQuery(db, query)),
      }).toEqual({
        entityRef,
        from,
        figures: rounded(await metricsQuery(db, query)),
      });
    }
  }
}

/** The rollups' tables, without the sums that came back to zero. */
async function rollups(db: Knex) {
  const rows = await db('change_metric_rows').orderBy([
    'scope_key',
    'change_id',
  ]);
  const days = await db('change_metric_days')
    .where('deployed', '<>', 0)
    .orderBy(['scope_key', 'day', 'type']);
  const buckets = await db('change_metric_buckets')
    .where('count', '<>', 0)
    .orderBy(['scope_key', 'kind', 'day', 'bucket']);
  const weeks = await db('change_metric_weeks')
    .where('deployed', '<>', 0)
    .orderBy(['scope_key', 'week', 'type']);
  const weekBuckets = await db('change_metric_week_buckets')
    .where('count', '<>', 0)
    .orderBy(['scope_key', 'kind', 'week', 'bucket']);
  return JSON.parse(
    JSON.stringify({ rows, days, buckets, weeks, weekBuckets }),
  );
}

/** Judged from scratch: every deployed change marked, the sums emptied. */
async function fromScratch(db: Knex) {
  for (const table of [
    'change_metric_rows',
    'change_metric_days',
    'change_metric_buckets',
    'change_metric_weeks',
    'change_metric_week_buckets',
  ]) {
    await db(table).delete();
  }
  await db.raw(markDeployedStatement(() => 'true'));
  await refreshMetricRollups(db);
  return rollups(db);
}

/** One random write of a kind the metrics read. */
async function write(db: Knex, all: Fixture[]) {
  const f = pick(all);
  const id = f.change.id;
  const kind = pick([
    'verify',
    'rollBack',
    'deploy',
    'undeploy',
    'issues',
    'retrospective',
    'cause',
    'withdrawCause',
    'type',
    'addEntity',
    'removeEntity',
    'moveEntity',
    'submit',
    'delete',
    'insert',
  ] as const);
  switch (kind) {
    case 'verify':
      return db('changes')
        .where({ id })
        .update({ post_deployment_verified: pick(['yes', 'no', null]) });
    case 'rollBack':
      return db('changes')
        .where({ id })
        .update({ state: pick(['rolled_back', 'completed', 'deployed']) });
    case 'deploy':
      return db('changes')
        .where({ id })
        .update({ deployed_at: hours(Math.floor(next() * 60 * 24)) });
    case 'undeploy':
      return db('changes').where({ id }).update({ deployed_at: null });
    case 'issues':
      return db('changes')
        .where({ id })
        .update({ issues_encountered: pick(['', 'It broke a bit', null]) });
    case 'retrospective':
      return db('changes')
        .where({ id })
        .update({
          retrospective_by: pick([null, 'user:default/cto']),
          retrospective_late: pick([true, false]),
          retrospective_due_at: pick([null, hours(30 * 24), NOW]),
        });
    case 'cause':
      return db('changes')
        .where({ id })
        .update({
          type: 'emergency',
          caused_by: pick(all).change.id,
          incident_severity: pick(['P1', 'P2', null]),
        });
    case 'withdrawCause':
      return db('changes')
        .where({ id })
        .update(pick([{ state: 'cancelled' }, { caused_by: null }]));
    case 'type':
      return db('changes')
        .where({ id })
        .update({ type: pick(CHANGE_TYPES) });
    case 'addEntity': {
      const place = pick(Object.values(PLACES))[0];
      return db('change_entities')
        .insert({
          change_id: id,
          entity_ref: place.entityRef,
          system_ref: place.systemRef ?? null,
          owner_ref: place.ownerRef ?? null,
          created_at: new Date(f.change.createdAt),
        })
        .onConflict(['change_id', 'entity_ref'])
        .ignore();
    }
    case 'removeEntity':
      return db('change_entities')
        .where({ change_id: id })
        .where('entity_ref', pick(f.entities).entityRef)
        .delete();
    case 'moveEntity':
      return db('change_entities')
        .where({ change_id: id })
        .update({ system_ref: pick([SYSTEM, STOREFRONT, null]) });
    case 'submit':
      return db('change_events').insert({
        id: randomUUID(),
        change_id: id,
        action: 'submit',
        from_state: 'draft',
        to_state: 'in_review',
        actor: f.change.createdBy,
        created_at: hours(Math.floor(next() * 50 * 24)),
        fields: '{}',
        previous_hash: '0'.repeat(64),
        hash: '0'.repeat(64),
      });
    case 'delete': {
      // The trail is append-only: only a change without events can go.
      const [{ n }] = await db('change_events')
        .where({ change_id: id })
        .count({ n: '*' });
      if (Number(n)) return undefined;
      all.splice(all.indexOf(f), 1);
      await db('changes')
        .where({ id: f.change.id })
        .update({ caused_by: null });
      await db('changes').where({ caused_by: id }).update({ caused_by: null });
      return db('changes').where({ id }).delete();
    }
    case 'insert': {
      const [added] = generated(1);
      all.push(added);
      return insertFixtures(db, [added]);
    }
    default:
      throw new Error(kind);
  }
}

describe('the metrics’ rollups', () => {
  const databases = createTestDatabases();

  const migrated = async (databaseId: TestDatabaseId) => {
    const knex = await databases.init(databaseId);
    await DatabaseChangeStore.create({
      database: mockServices.database({ knex }),
    });
    return knex;
  };

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it('equal the figures computed from the changes, after writes of every kind', async () => {
      const db = await migrated(databaseId);
      const all = generated(300);
      await insertFixtures(db, all);
      await expectRollupsToMatchChanges(db);
      for (let round = 0; round < 6; round++) {
        for (let i = 0; i < 25; i++) await write(db, all);
        await expectRollupsToMatchChanges(db);
      }
      // Kept by difference, they equal the rollups judged from scratch.
      const kept = await rollups(db);
      expect(kept.rows.length).toBeGreaterThan(200);
      expect(kept).toEqual(await fromScratch(db));
    });

    it('read a percentile at its rank inside a bucket of distinct times', async () => {
      const db = await migrated(databaseId);
      // Lead times of 10 to 10.2 hours, each its own: one or two buckets.
      const close = Array.from({ length: 150 }, (_, i) => {
        const deployHour = 24 + i * 7;
        const lead = 10 + next() * 0.2;
        return fixture({
          place: pick(['service', 'ledger', 'both']),
          submits: [hours(deployHour - lead).toISOString()],
          deployedAt: hours(deployHour).toISOString(),
          verified: pick(['yes', 'no'] as const),
        });
      });
      await insertFixtures(db, close);
      await expectRollupsToMatchChanges(db);
      // The times share at most two buckets, so the ranks fall inside one.
      const buckets = await db('change_metric_rows')
        .where('scope_key', SYSTEM)
        .distinct('lead_bucket');
      expect(buckets.length).toBeLessThanOrEqual(2);
    });

    it('are not waited for while a large backlog is judged: the figures come from the changes', async () => {
      const db = await migrated(databaseId);
      const store = await DatabaseChangeStore.create({
        database: mockServices.database({ knex: db }),
      });
      await insertFixtures(db, generated(60));
      await refreshMetricRollups(db);
      // Changes marked but not judged yet, as after the upgrade.
      const changed = await db('changes')
        .whereNotNull('deployed_at')
        .update({ post_deployment_verified: 'no' });
      expect(changed).toBeGreaterThan(10);
      await db.batchInsert(
        'change_metrics_dirty',
        Array.from({ length: MAX_BACKLOG }, (_, i) => ({
          change_id: `not-a-change-${i}`,
        })),
        500,
      );
      const query = {
        entityRef: SYSTEM,
        from: PERIODS[0][0],
        to: PERIODS[0][1],
        now: NOW,
        weights: DEFAULT_SCORE_WEIGHTS,
      };
      const figures = await store.metrics(query);
      expect(figures.changeFailureRate.failed).toBe(
        figures.changeFailureRate.deployed,
      );
      expect(rounded(figures)).toEqual(rounded(await metricsQuery(db, query)));
      // Left for the task; with it judged, the rollups give the same.
      const [{ n }] = await db('change_metrics_dirty').count({ n: '*' });
      expect(Number(n)).toBeGreaterThan(MAX_BACKLOG);
      await refreshMetricRollups(db);
      expect(rounded(await store.metrics(query))).toEqual(rounded(figures));
    });

    it('are summed per week from the judged rows by their migration', async () => {
      const db = await migrated(databaseId);
      await insertFixtures(db, generated(120));
      await refreshMetricRollups(db);
      const kept = await rollups(db);
      expect(kept.weeks.length).toBeGreaterThan(5);
      expect(kept.weekBuckets.length).toBeGreaterThan(5);
      const migration = {
        directory: resolvePackagePath(
          '@trove/backstage-plugin-change-management-backend',
          'migrations',
        ),
        name: '20261231000000_metric_week_rollups.js',
      };
      await db.migrate.down(migration);
      await expect(db.schema.hasTable('change_metric_weeks')).resolves.toBe(
        false,
      );
      await db.migrate.up(migration);
      expect(await rollups(db)).toEqual(kept);
    });

    it('judge nothing again when nothing was written', async () => {
      const db = await migrated(databaseId);
      await insertFixtures(db, generated(20));
      expect(await refreshMetricRollups(db)).toBeGreaterThan(0);
      expect(await refreshMetricRollups(db)).toBe(0);
    });
  });
});
