import { mockServices } from '@backstage/backend-test-utils';
import {
  CHANGE_FAILURE_WINDOW_DAYS,
  CHANGE_STATES,
  CHANGE_TYPES,
  entityFacts,
  EntityFacts,
  incidentCauses,
  isFailedChange,
} from '@trove/backstage-plugin-change-management-common';
import { completedChange } from '../__testUtils__/bulkChanges';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { AffectedEntity, StoredChange } from '../database/ChangeStore';
import { DatabaseChangeStore } from '../database/DatabaseChangeStore';
import { changeToRow, entityToRow } from '../database/rows';

jest.setTimeout(120_000);

const NOW = new Date('2026-06-12T10:00:00.000Z');
const DAY = 86_400_000;
const WINDOW = CHANGE_FAILURE_WINDOW_DAYS * DAY;
const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString();

const SYSTEM = 'system:default/payments';
const PARTS = [
  'component:default/payments-service',
  'resource:default/ledger-db',
];
const ALONE = 'component:default/search';
const UNKNOWN = 'component:default/never-changed';

/** Where each change lands: one part, both parts, or the lone component. */
const PLACES: AffectedEntity[][] = [
  [{ entityRef: PARTS[0], systemRef: SYSTEM }],
  PARTS.map(entityRef => ({ entityRef, systemRef: SYSTEM })),
  [{ entityRef: ALONE }],
];

/** Deploy times: none, on both edges of the window, inside, in the future. */
const DEPLOYS = [undefined, -WINDOW, -WINDOW + 1, -DAY, 0, 1];

/**
 * Every type in every state, with every deploy time, verified yes, no or
 * not at all, a retrospective due before or after now, documented or not,
 * and spread over the places. Unreachable combinations too: the forms must
 * agree on any row.
 */
function fixtures() {
  const changes: { change: StoredChange; entities: AffectedEntity[] }[] = [];
  for (const type of CHANGE_TYPES) {
    for (const state of CHANGE_STATES) {
      for (const deployed of DEPLOYS) {
        for (const verified of [undefined, 'yes', 'no'] as const) {
          for (const due of [undefined, -1, 1]) {
            const i = changes.length;
            const base = completedChange(i, new Date(at(-200 * DAY)));
            changes.push({
              change: {
                ...base,
                type,
                state,
                createdBy: i % 2 ? 'user:default/alice' : 'user:default/bob',
                deployed:
                  deployed === undefined
                    ? undefined
                    : { by: base.createdBy, at: at(deployed) },
                postDeploymentVerified: verified,
                retrospectiveDueAt: due === undefined ? undefined : at(due),
                // Now and then an emergency names an earlier change as the
                // cause of its incident (in any state: drafts and cancelled
                // ones do not count).
                causedBy:
                  type === 'emergency' && i % 4 === 0
                    ? changes[Math.floor(i / 3)]?.change.id
                    : undefined,
                retrospective:
                  i % 3 === 0
                    ? {
                        by: base.createdBy,
                        at: at(-DAY),
                        whatChanged: 'a',
                        why: 'b',
                        approvalReceived: 'c',
                        late: false,
                      }
                    : undefined,
              },
              entities: PLACES[i % PLACES.length],
            });
          }
        }
      }
    }
  }
  return changes;
}

/** Named as causes by the fixtures' emergencies, whoever may read them. */
const causesOf = (all: ReturnType<typeof fixtures>) =>
  incidentCauses(all.map(({ change }) => change));

const REFS = [SYSTEM, ...PARTS, ALONE, UNKNOWN];

/** The changes of a ref as the list finds them: a System's parts too. */
const changesOf = (
  all: ReturnType<typeof fixtures>,
  ref: string,
): StoredChange[] =>
  all
    .filter(({ entities }) =>
      entities.some(e => e.entityRef === ref || e.systemRef === ref),
    )
    .map(({ change }) => change);

describe('the entity facts, in memory and in SQL', () => {
  const databases = createTestDatabases();
  const all = fixtures();

  const stores = new Map<string, DatabaseChangeStore>();

  // Seeded once per database, before any test, so that the databases stay
  // open for the suite (createTestDatabases closes those a test opens).
  beforeAll(async () => {
    for (const [id] of databases.eachSupportedId()) {
      const knex = await databases.init(id);
      stores.set(
        id,
        await DatabaseChangeStore.create({
          database: mockServices.database({ knex }),
        }),
      );
      await knex.batchInsert(
        'changes',
        all.map(({ change }) => changeToRow(change)) as any,
        25,
      );
      await knex.batchInsert(
        'change_entities',
        all.flatMap(({ change, entities }) =>
          entities.map(e => entityToRow(change, e)),
        ),
        50,
      );
    }
  });

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    let store: DatabaseChangeStore;

    beforeAll(() => {
      store = stores.get(databaseId)!;
    });

    it('agree on every figure of every entity, a System counting its parts once', async () => {
      const causes = causesOf(all);
      // Some changes fail only by being named.
      expect(
        all.filter(
          ({ change }) =>
            isFailedChange(change, causes) &&
            !isFailedChange(change, new Map()),
        ).length,
      ).toBeGreaterThan(0);
      const expected = REFS.map(ref =>
        entityFacts(changesOf(all, ref), NOW, causes),
      );
      // Each figure is exercised, not zero everywhere.
      const system = expected[0];
      expect(system.openChanges).toBeGreaterThan(0);
      expect(system.overdueRetrospectives).toBeGreaterThan(0);
      expect(system.failedChanges).toBeGreaterThan(0);
      expect(system.productionChanges).toBeGreaterThan(system.failedChanges);
      expect(system.daysSinceLastProductionChange).toBe(0);
      // Changes touching both parts count once for the System.
      expect(system.productionChanges).toBeLessThan(
        expected[1].productionChanges + expected[2].productionChanges,
      );
      expect(expected[4]).toEqual({
        openChanges: 0,
        overdueRetrospectives: 0,
        productionChanges: 0,
        failedChanges: 0,
      });

      expect(await store.entityFacts({ entityRefs: REFS, now: NOW })).toEqual<
        EntityFacts[]
      >(expected);
    });

    it('count only the changes the reader may see', async () => {
      const alices = all.filter(
        ({ change }) => change.createdBy === 'user:default/alice',
      );
      expect(
        await store.entityFacts({
          entityRefs: REFS,
          now: NOW,
          permissionFilter: {
            key: 'createdBy',
            values: ['user:default/alice'],
          } as any,
        }),
      ).toEqual(
        REFS.map(ref =>
          entityFacts(changesOf(alices, ref), NOW, causesOf(all)),
        ),
      );
    });

    it('take the window as (now − 90 days, now], and a failure inside it', async () => {
      const days = (ms: number) => ms / DAY;
      const [facts] = await store.entityFacts({
        entityRefs: [ALONE],
        // A day later, the deploys at the window's start leave it.
        now: new Date(NOW.getTime() + DAY),
      });
      const inWindow = changesOf(all, ALONE).filter(c => {
        const t = c.deployed && Date.parse(c.deployed.at) - NOW.getTime();
        return typeof t === 'number' && days(t) > 1 - 90 && days(t) <= 1;
      });
      expect(facts.productionChanges).toBe(inWindow.length);
      const failed = inWindow.filter(c => isFailedChange(c, causesOf(all)));
      expect(facts.failedChanges).toBe(failed.length);
      expect(facts.changeFailureRate).toBeCloseTo(
        failed.length / inWindow.length,
      );
    });
  });
});
