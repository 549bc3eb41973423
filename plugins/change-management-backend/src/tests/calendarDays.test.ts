import { mockServices } from '@backstage/backend-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import {
  CalendarDay,
  CHANGE_TYPES,
  ChangeType,
} from '@trove/backstage-plugin-change-management-common';
import { Knex } from 'knex';
import {
  completedChange,
  seedCompletedChanges,
} from '../__testUtils__/bulkChanges';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { BulkHistoryWriter, writeHistory } from '../database/bulkHistory';
import { calendarDaysQuery } from '../database/calendarDaysQuery';
import { AffectedEntity, StoredChange } from '../database/ChangeStore';
import { DatabaseChangeStore } from '../database/DatabaseChangeStore';
import { toIso } from '../database/timestamps';
import { changeToRow, entityToRow } from '../database/rows';
import { random } from '../sample/sampleDice';

jest.setTimeout(180_000);

// Issue 21: the per-day calendar reads its whole days from
// change_deploy_days, which triggers keep. A random history, written by
// every path that writes changes (the store's transaction and its
// one-statement update, edits of a deployed change's entities, a type
// changed, the loaders), must leave the table equal to the changes counted
// here in memory, and the per-day calendar of any period equal to the
// changes of that period counted.

const PAYMENTS = 'system:default/payments';
const STOREFRONT = 'system:default/storefront';
const ENTITIES: AffectedEntity[] = [
  { entityRef: 'component:default/payments-service', systemRef: PAYMENTS },
  { entityRef: 'component:default/ledger', systemRef: PAYMENTS },
  { entityRef: 'resource:default/payments-db', systemRef: PAYMENTS },
  // A System's own row names itself.
  { entityRef: PAYMENTS, systemRef: PAYMENTS },
  { entityRef: 'component:default/storefront-web', systemRef: STOREFRONT },
  { entityRef: 'component:default/lonely' },
];
const KEYS = [
  ...ENTITIES.map(e => e.entityRef).filter(ref => !ref.startsWith('system:')),
  PAYMENTS,
  STOREFRONT,
];
const START = Date.parse('2026-03-01T00:00:00.000Z');
const HOUR = 3_600_000;
const DEPLOY_DAYS_MIGRATION = '20261229000000_deploy_days.js';
const migrations = resolvePackagePath(
  '@trove/backstage-plugin-change-management-backend',
  'migrations',
);

type Counts = Map<string, number>;

/** The deploys of each key, UTC day and type, counted from the changes. */
async function countedInMemory(knex: Knex): Promise<Counts> {
  const [changes, entities] = await Promise.all([
    knex('changes').whereNotNull('deployed_at'),
    knex('change_entities'),
  ]);
  const counts: Counts = new Map();
  for (const change of changes) {
    const keys = new Set(['*']);
    for (const e of entities.filter(row => row.change_id === change.id)) {
      if (!e.entity_ref.startsWith('system:')) keys.add(e.entity_ref);
      if (e.system_ref) keys.add(e.system_ref);
    }
    const day = toIso(change.deployed_at).slice(0, 10);
    for (const key of keys) {
      const at = `${key} ${day} ${change.type}`;
      counts.set(at, (counts.get(at) ?? 0) + 1);
    }
  }
  return counts;
}

async function rollup(knex: Knex): Promise<Counts> {
  const rows = await knex('change_deploy_days').where('deployed', '<>', 0);
  return new Map(
    rows.map(r => [`${r.scope_key} ${r.day} ${r.type}`, Number(r.deployed)]),
  );
}

/** The per-day answer, counted from the changes in memory. */
async function expectedDays(
  knex: Knex,
  from: Date,
  to: Date,
  entityRef?: string,
  type?: ChangeType,
): Promise<CalendarDay[]> {
  const [changes, entities] = await Promise.all([
    knex('changes').whereNotNull('deployed_at'),
    knex('change_entities'),
  ]);
  const days = new Map<string, CalendarDay>();
  for (const change of changes) {
    const at = Date.parse(toIso(change.deployed_at));
    if (at < from.getTime() || at >= to.getTime()) continue;
    if (type && change.type !== type) continue;
    const mine = entities.filter(e => e.change_id === change.id);
    const column = entityRef?.startsWith('system:')
      ? 'system_ref'
      : 'entity_ref';
    if (entityRef && !mine.some(e => e[column] === entityRef)) continue;
    const day = new Date(at).toISOString().slice(0, 10);
    if (!days.has(day)) {
      days.set(day, {
        day,
        deployed: { standard: 0, emergency: 0, infrastructure: 0 },
      });
    }
    days.get(day)!.deployed[change.type as ChangeType] += 1;
  }
  return [...days.values()].sort((a, b) => a.day.localeCompare(b.day));
}

/** A change of the history: deployed or not, on some of the entities. */
function randomChange(dice: () => number, i: number) {
  const change: StoredChange = completedChange(i, new Date(START));
  const type = CHANGE_TYPES[Math.floor(dice() * 3)];
  const entities = ENTITIES.filter(() => dice() < 0.4);
  const at = new Date(START + Math.floor(dice() * 10 * 24 * HOUR));
  const deployed = dice() < 0.7;
  return {
    change: {
      ...change,
      type,
      state: deployed ? 'deployed' : 'draft',
      deployed: deployed
        ? { ...change.deployed!, at: at.toISOString() }
        : undefined,
    } as StoredChange,
    entities,
  };
}

const event = (at: Date) => ({
  action: 'edit' as const,
  toState: 'draft' as const,
  actor: 'user:default/alice',
  at,
  fields: {},
});

describe('the per-day calendar', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    let knex: Knex;
    afterEach(async () => knex?.destroy());

    it('counts the changes the tests seed in bulk', async () => {
      knex = await databases.init(databaseId);
      await DatabaseChangeStore.create({
        database: mockServices.database({ knex }),
      });
      await seedCompletedChanges(knex, 500, {
        from: new Date(START),
        stepMs: 37 * 60_000,
      });
      const counted = await countedInMemory(knex);
      expect(counted.size).toBeGreaterThan(30);
      expect(await rollup(knex)).toEqual(counted);
    });

    it('counts every write path exactly, and reads any period as the changes count it', async () => {
      knex = await databases.init(databaseId);
      const store = await DatabaseChangeStore.create({
        database: mockServices.database({ knex }),
      });
      const dice = random(7);
      const written: { change: StoredChange; entities: AffectedEntity[] }[] =
        [];
      for (let i = 0; i < 60; i++) {
        const { change, entities } = randomChange(dice, i);
        await store.createChange({
          change,
          entities,
          event: event(new Date(change.createdAt)),
        });
        written.push({ change, entities });
      }
      // Edits: deploys (the one-statement update on PostgreSQL), entities
      // moved on deployed changes, a type changed, a deploy moved a day.
      for (let round = 0; round < 80; round++) {
        const k = Math.floor(dice() * written.length);
        const { change, entities } = written[k];
        const at = new Date(START + Math.floor(dice() * 10 * 24 * HOUR));
        const next: StoredChange = {
          ...change,
          version: change.version + 1,
          type: dice() < 0.2 ? CHANGE_TYPES[round % 3] : change.type,
          deployed:
            dice() < 0.6
              ? { ...completedChange(k, at).deployed!, at: at.toISOString() }
              : change.deployed,
        };
        const moved =
          dice() < 0.5 ? ENTITIES.filter(() => dice() < 0.4) : undefined;
        await store.updateChange({
          change: next,
          expectedVersion: change.version,
          entities: moved,
          event: event(at),
        });
        written[k] = { change: next, entities: moved ?? entities };
      }
      // The loaders.
      const loaded = Array.from({ length: 20 }, (_, i) => ({
        ...randomChange(dice, 100 + i),
        events: [event(new Date(START))],
      }));
      await writeHistory(knex, loaded.slice(0, 10));
      if (databaseId.startsWith('POSTGRES')) {
        const client = await knex.client.acquireConnection();
        try {
          const writer = await BulkHistoryWriter.open(client);
          loaded.slice(10).forEach(entry => writer.add(entry));
          await writer.finish();
        } finally {
          await knex.client.releaseConnection(client);
        }
      } else {
        await writeHistory(knex, loaded.slice(10));
      }

      const counted = await countedInMemory(knex);
      expect(counted.size).toBeGreaterThan(50);
      expect(await rollup(knex)).toEqual(counted);

      // Any period, whole days or not, for each key, every change and a type.
      for (let i = 0; i < 40; i++) {
        const from = new Date(
          START - 2 * HOUR + Math.floor(dice() * 6 * 24 * HOUR),
        );
        const to = new Date(
          from.getTime() + Math.floor(dice() * 7 * 24 * HOUR) + 1,
        );
        const entityRef = i % 5 === 0 ? undefined : KEYS[i % KEYS.length];
        const type = i % 7 === 3 ? CHANGE_TYPES[i % 3] : undefined;
        expect(
          await calendarDaysQuery(knex, { from, to, entityRef, type }),
        ).toEqual(await expectedDays(knex, from, to, entityRef, type));
      }
      // A reader the policy lets read only some changes: from the changes.
      const period = {
        from: new Date(START),
        to: new Date(START + 10 * 24 * HOUR),
        entityRef: PAYMENTS,
      };
      const readBy = (author: string) =>
        calendarDaysQuery(knex, {
          ...period,
          permissionFilter: { key: 'createdBy', values: [author] },
        });
      expect(await readBy('user:default/nobody')).toEqual([]);
      expect(await readBy('user:default/alice')).toEqual(
        await expectedDays(knex, period.from, period.to, PAYMENTS),
      );

      // The migration's backfill counts what the triggers kept: down to
      // before it, newest first, and up again.
      const applied = async () =>
        (await knex.migrate.list({ directory: migrations }))[0].map(
          (m: { name: string } | string) =>
            typeof m === 'string' ? m : m.name,
        );
      expect(await applied()).toContain(DEPLOY_DAYS_MIGRATION);
      while ((await applied()).includes(DEPLOY_DAYS_MIGRATION)) {
        await knex.migrate.down({ directory: migrations });
      }
      await expect(knex.schema.hasTable('change_deploy_days')).resolves.toBe(
        false,
      );
      await knex.migrate.latest({ directory: migrations });
      expect(await rollup(knex)).toEqual(counted);

      // No path of the plugin moves an entity row or deletes a change; done
      // by hand, both are still counted.
      // A deployed change's only row in payments, of a change with none in
      // storefront: moving it moves the change's count from one to the other.
      const rows = await knex('change_entities')
        .join('changes', 'changes.id', 'change_entities.change_id')
        .whereNotNull('changes.deployed_at')
        .select('change_id', 'entity_ref', 'system_ref');
      const row = rows.find(
        r =>
          r.system_ref === PAYMENTS &&
          rows.filter(o => o.change_id === r.change_id && o.system_ref)
            .length === 1,
      );
      expect(row).toBeDefined();
      await knex('change_entities')
        .where({ change_id: row.change_id, entity_ref: row.entity_ref })
        .update({ system_ref: STOREFRONT });
      const moved = await countedInMemory(knex);
      expect(moved).not.toEqual(counted);
      expect(await rollup(knex)).toEqual(moved);
      const { change, entities } = randomChange(dice, 500);
      const deployed = {
        ...change,
        deployed: completedChange(0, new Date(START)).deployed,
      };
      await knex('changes').insert(changeToRow(deployed));
      await knex('change_entities').insert(
        [ENTITIES[0], ENTITIES[1], ...entities.slice(2)].map(e =>
          entityToRow(deployed, e),
        ),
      );
      expect(await rollup(knex)).toEqual(await countedInMemory(knex));
      await knex('changes').where({ id: change.id }).delete();
      expect(await rollup(knex)).toEqual(moved);
    });
  });
});
