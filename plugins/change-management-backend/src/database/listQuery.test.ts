import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { ChangeListQuery, StoredChange } from './ChangeStore';
import { DatabaseChangeStore } from './DatabaseChangeStore';

jest.setTimeout(60_000);

const alice = 'user:default/alice';

function change(
  id: string,
  createdAt: string,
  more: Partial<StoredChange> = {},
): StoredChange {
  return {
    id,
    type: 'standard',
    state: 'in_review',
    version: 1,
    title: `Change ${id}`,
    description: 'what and why',
    risks: 'none',
    testingNotes: 'unit tests',
    affectedEntityRefs: [],
    affectedSystemRefs: [],
    createdBy: alice,
    createdAt,
    updatedAt: createdAt,
    exceptions: [],
    ...more,
  };
}

describe('list queries', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    let knex: Knex;
    let store: DatabaseChangeStore;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      store = await DatabaseChangeStore.create({
        database: mockServices.database({ knex }),
      });
    });

    afterEach(async () => {
      await knex.destroy();
    });

    const create = (c: StoredChange) =>
      store.createChange({
        change: c,
        entities: [],
        event: {
          action: 'create',
          toState: 'draft',
          actor: alice,
          at: new Date(c.createdAt),
          fields: {},
        },
      });

    /** Every page of a query, by the cursors it hands out. */
    async function allPages(query: Omit<ChangeListQuery, 'limit'>) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.listChanges({ ...query, limit: 2, cursor });
        seen.push(...page.items.map(c => c.id));
        cursor = page.nextCursor;
      } while (cursor);
      return seen;
    }

    it('finds titles by a substring, ignoring case, and never as a pattern', async () => {
      const titles = {
        a: 'Raise the PSP timeout',
        b: 'Refunds at 100% of the order',
        c: 'Rename user_id to customer_id',
        d: 'Refunds at 100 of the order',
        e: 'Back\\slash in a path',
      };
      let day = 1;
      for (const [id, title] of Object.entries(titles)) {
        await create(change(id, `2026-03-0${day++}T10:00:00.000Z`, { title }));
      }
      const search = async (titleContains: string) =>
        (await store.listChanges({ titleContains, limit: 25 })).items.map(
          c => c.id,
        );

      expect(await search('psp')).toEqual(['a']);
      expect(await search('REFUNDS')).toEqual(['d', 'b']);
      expect(await search('100%')).toEqual(['b']);
      expect(await search('%')).toEqual(['b']);
      expect(await search('r_id')).toEqual(['c']);
      expect(await search('_')).toEqual(['c']);
      expect(await search('k\\s')).toEqual(['e']);
      expect(await search('nothing like it')).toEqual([]);
    });

    it('puts emergencies first by due time, and pages that order without gaps', async () => {
      const emergency = (dueAt?: string): Partial<StoredChange> => ({
        type: 'emergency',
        state: dueAt ? 'deployed' : 'awaiting_approval',
        retrospectiveDueAt: dueAt,
      });
      // Created in this order; listed as the comments say.
      await create(change('std-old', '2026-03-01T10:00:00.000Z'));
      await create(
        change('due-late', '2026-03-02T10:00:00.000Z', {
          ...emergency('2026-03-09T10:00:00.000Z'),
        }),
      );
      await create(
        change('due-soon', '2026-03-03T10:00:00.000Z', {
          ...emergency('2026-03-05T10:00:00.000Z'),
        }),
      );
      await create(
        change('due-soon-tie', '2026-03-03T10:00:00.000Z', {
          ...emergency('2026-03-05T10:00:00.000Z'),
        }),
      );
      await create(
        change('live', '2026-03-04T10:00:00.000Z', { ...emergency() }),
      );
      await create(change('std-new', '2026-03-05T10:00:00.000Z'));
      await create(
        change('live-new', '2026-03-06T10:00:00.000Z', { ...emergency() }),
      );

      const expected = [
        // Not yet deployed: the incident is live. Newest first.
        'live-new',
        'live',
        // By due time; a tie newest first, then by id.
        'due-soon-tie',
        'due-soon',
        'due-late',
        // The rest, newest first.
        'std-new',
        'std-old',
      ];
      const one = await store.listChanges({ order: 'due', limit: 25 });
      expect(one.items.map(c => c.id)).toEqual(expected);
      expect(await allPages({ order: 'due' })).toEqual(expected);
      expect(await allPages({})).toEqual([
        'live-new',
        'std-new',
        'live',
        'due-soon-tie',
        'due-soon',
        'due-late',
        'std-old',
      ]);
    });

    it('refuses a cursor of the other order', async () => {
      for (const id of ['a', 'b', 'c']) {
        await create(change(id, '2026-03-01T10:00:00.000Z'));
      }
      const newest = await store.listChanges({ limit: 1 });
      const due = await store.listChanges({ order: 'due', limit: 1 });
      await expect(
        store.listChanges({
          order: 'due',
          limit: 1,
          cursor: newest.nextCursor,
        }),
      ).rejects.toThrow(/Malformed cursor/);
      await expect(
        store.listChanges({ limit: 1, cursor: due.nextCursor }),
      ).rejects.toThrow(/Malformed cursor/);
    });

    const payments = 'system:default/payments';
    const affecting = (...refs: string[]) =>
      refs.map(entityRef => ({
        entityRef,
        systemRef: entityRef.startsWith('system:') ? entityRef : payments,
      }));

    /** A change affecting these entities, all in the payments System. */
    const createAffecting = (c: StoredChange, ...refs: string[]) =>
      store.createChange({
        change: c,
        entities: affecting(...refs),
        event: {
          action: 'create',
          toState: 'draft',
          actor: alice,
          at: new Date(c.createdAt),
          fields: {},
        },
      });

    it('lists a change once in its System, however many of its rows the System holds, and pages exactly', async () => {
      const service = 'component:default/payments-service';
      const db = 'resource:default/payments-db';
      // Two changes share a created_at, so the id breaks the tie.
      await createAffecting(change('a', '2026-03-01T10:00:00.000Z'), service);
      await createAffecting(
        change('b', '2026-03-02T10:00:00.000Z'),
        service,
        payments,
      );
      await createAffecting(
        change('c', '2026-03-03T10:00:00.000Z', { state: 'deployed' }),
        service,
        db,
        payments,
      );
      await createAffecting(change('d', '2026-03-03T10:00:00.000Z'), db);
      await createAffecting(change('e', '2026-03-04T10:00:00.000Z'), service);

      const newestFirst = ['e', 'd', 'c', 'b', 'a'];
      // The System holds 8 rows of these 5 changes.
      expect(await allPages({ entityRef: payments })).toEqual(newestFirst);
      for (const limit of [1, 3, 25]) {
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await store.listChanges({
            entityRef: payments,
            limit,
            cursor,
          });
          seen.push(...page.items.map(c => c.id));
          cursor = page.nextCursor;
        } while (cursor);
        expect(seen).toEqual(newestFirst);
      }
      expect(await store.countChanges({ entityRef: payments })).toBe(5);
      expect(await allPages({ entityRef: service })).toEqual([
        'e',
        'c',
        'b',
        'a',
      ]);
      expect(await allPages({ entityRef: db })).toEqual(['d', 'c']);
      // The change's own filters apply to the keyed page, and a change of
      // several rows keeps its entities.
      const deployed = await store.listChanges({
        entityRef: payments,
        states: ['deployed'],
        limit: 25,
      });
      expect(deployed.items.map(c => c.id)).toEqual(['c']);
      expect(deployed.items[0].affectedEntityRefs.sort()).toEqual(
        [db, service, payments].sort(),
      );
      // The queue order goes through the same filter.
      expect(await allPages({ entityRef: payments, order: 'due' })).toEqual(
        newestFirst,
      );
    });

    it('keeps the list key of a change whose entities are edited', async () => {
      const service = 'component:default/payments-service';
      const db = 'resource:default/payments-db';
      const older = await createAffecting(
        change('older', '2026-03-01T10:00:00.000Z'),
        service,
      );
      await createAffecting(change('newer', '2026-03-02T10:00:00.000Z'), db);
      await store.updateChange({
        change: { ...older, version: 2, updatedAt: '2026-03-09T10:00:00.000Z' },
        expectedVersion: 1,
        entities: affecting(db),
        event: {
          action: 'edit',
          fromState: 'draft',
          toState: 'draft',
          actor: alice,
          at: new Date('2026-03-09T10:00:00.000Z'),
          fields: {},
        },
      });
      // Listed by when it was raised, not when it was edited.
      expect(await allPages({ entityRef: db })).toEqual(['newer', 'older']);
      expect(await allPages({ entityRef: service })).toEqual([]);
      const keys = await knex('change_entities')
        .where({ change_id: 'older' })
        .select('created_at');
      expect(keys.map(k => new Date(k.created_at).toISOString())).toEqual([
        '2026-03-01T10:00:00.000Z',
      ]);
    });

    it('counts what a list query filters, whatever the page', async () => {
      await create(change('a', '2026-03-01T10:00:00.000Z'));
      await create(
        change('b', '2026-03-02T10:00:00.000Z', { title: 'Hotfix refunds' }),
      );
      await create(
        change('c', '2026-03-03T10:00:00.000Z', { state: 'deployed' }),
      );
      expect(await store.countChanges({})).toBe(3);
      expect(await store.countChanges({ states: ['in_review'] })).toBe(2);
      expect(await store.countChanges({ titleContains: 'hotfix' })).toBe(1);
      expect(await store.countChanges({ createdBy: 'user:default/bob' })).toBe(
        0,
      );
    });
  });
});
