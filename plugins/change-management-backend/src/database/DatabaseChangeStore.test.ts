import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { AffectedEntity, StoredChange } from './ChangeStore';
import { DatabaseChangeStore } from './DatabaseChangeStore';
import { GENESIS_HASH, hashEvent } from './eventChain';

jest.setTimeout(60_000);

const alice = 'user:default/alice';

function draft(id: string, createdAt: string): StoredChange {
  return {
    id,
    type: 'standard',
    state: 'draft',
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
  };
}

describe('DatabaseChangeStore', () => {
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

    const create = (
      id: string,
      createdAt: string,
      entities: AffectedEntity[],
    ) =>
      store.createChange({
        change: draft(id, createdAt),
        entities,
        event: {
          action: 'create',
          toState: 'draft',
          actor: alice,
          at: new Date(createdAt),
          fields: { title: `Change ${id}` },
        },
      });

    it('round-trips a change with its entities and first event', async () => {
      const created = await create('c1', '2026-03-01T10:00:00.000Z', [
        {
          entityRef: 'component:default/payments-service',
          systemRef: 'system:default/payments',
        },
      ]);
      expect(created).toMatchObject({
        id: 'c1',
        state: 'draft',
        version: 1,
        createdAt: '2026-03-01T10:00:00.000Z',
        affectedEntityRefs: ['component:default/payments-service'],
        affectedSystemRefs: ['system:default/payments'],
      });

      const events = await store.listEvents('c1');
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        action: 'create',
        toState: 'draft',
        actor: alice,
        at: '2026-03-01T10:00:00.000Z',
        previousHash: GENESIS_HASH,
      });
      expect(events[0].hash).toBe(hashEvent(GENESIS_HASH, events[0]));
    });

    it('answers a create and an update with the change as a later read returns it', async () => {
      const payments = {
        entityRef: 'component:default/payments-service',
        systemRef: 'system:default/payments',
        ownerRef: 'group:default/payments-team',
      };
      const created = await create('c1', '2026-03-01T10:00:00.000Z', [
        payments,
      ]);
      expect(created).toEqual(await store.getChange('c1'));
      const update = (change: StoredChange, entities?: AffectedEntity[]) =>
        store.updateChange({
          change,
          expectedVersion: change.version - 1,
          entities,
          event: {
            action: 'edit',
            fromState: 'draft',
            toState: 'draft',
            actor: alice,
            at: new Date(change.updatedAt),
            fields: {},
          },
        });
      const at = '2026-03-01T11:00:00.000Z';
      const submitted = await update({
        ...created,
        version: 2,
        updatedAt: at,
        state: 'in_review',
        pullRequestUrl: 'https://github.com/acme/payments-service/pull/7',
        exceptions: [
          { kind: 'self-approval', at, actor: alice, detail: 'alone' },
        ],
      });
      expect(submitted.affectedSystemRefs).toEqual(['system:default/payments']);
      expect(submitted).toEqual(await store.getChange('c1'));

      // An edit names the entities again.
      const edited = await update(
        { ...submitted, version: 3, title: 'Renamed' },
        [{ entityRef: 'resource:default/payments-db' }, payments],
      );
      expect(edited.affectedEntityRefs).toEqual([
        'component:default/payments-service',
        'resource:default/payments-db',
      ]);
      expect(edited).toEqual(await store.getChange('c1'));
      expect(await store.getChangeAndResource('c1')).toEqual({
        change: edited,
        resource: {
          createdBy: alice,
          affected: expect.arrayContaining([
            payments,
            {
              entityRef: 'resource:default/payments-db',
              systemRef: undefined,
              ownerRef: undefined,
            },
          ]),
        },
      });
    });

    it('chains each event to the one before it', async () => {
      await create('c1', '2026-03-01T10:00:00.000Z', []);
      await create('c2', '2026-03-01T11:00:00.000Z', []);
      const [first] = await store.listEvents('c1');
      const [second] = await store.listEvents('c2');
      expect(second.previousHash).toBe(first.hash);
      expect(second.hash).toBe(hashEvent(first.hash, second));
    });

    it('hashes what it stores, so a lone surrogate cannot break the chain', async () => {
      await create('c1', '2026-03-01T10:00:00.000Z', []);
      await store.updateChange({
        change: { ...draft('c1', '2026-03-01T10:00:00.000Z'), version: 2 },
        expectedVersion: 1,
        event: {
          action: 'cancel',
          fromState: 'draft',
          toState: 'cancelled',
          actor: alice,
          at: new Date('2026-03-01T11:00:00.000Z'),
          comment: 'x \ud800 y',
          fields: { reason: '\udfff', ['k\ud800']: ['\ud83d'] },
        },
      });
      const [, event] = await store.listEvents('c1');
      expect(event.comment).toBe('x \ufffd y');
      expect(event.fields).toEqual({
        reason: '\ufffd',
        ['k\ufffd']: ['\ufffd'],
      });
      const [first] = await store.listEvents('c1');
      expect(event.previousHash).toBe(first.hash);
      expect(event.hash).toBe(hashEvent(first.hash, event));
    });

    it('lists a System with the changes to its parts, newest first', async () => {
      await create('c1', '2026-03-01T10:00:00.000Z', [
        {
          entityRef: 'component:default/payments-service',
          systemRef: 'system:default/payments',
        },
      ]);
      await create('c2', '2026-03-02T10:00:00.000Z', [
        {
          entityRef: 'resource:default/payments-db',
          systemRef: 'system:default/payments',
        },
        {
          entityRef: 'component:default/checkout-api',
          systemRef: 'system:default/payments',
        },
      ]);
      await create('c3', '2026-03-03T10:00:00.000Z', [
        {
          entityRef: 'component:default/storefront-web',
          systemRef: 'system:default/storefront',
        },
      ]);

      const system = await store.listChanges({
        entityRef: 'system:default/payments',
        limit: 25,
      });
      expect(system.items.map(c => c.id)).toEqual(['c2', 'c1']);

      const component = await store.listChanges({
        entityRef: 'resource:default/payments-db',
        limit: 25,
      });
      expect(component.items.map(c => c.id)).toEqual(['c2']);
    });

    it('lists each change with its entities, and a draft sent back with why', async () => {
      const bob = 'user:default/bob';
      const payments = {
        entityRef: 'component:default/payments-service',
        systemRef: 'system:default/payments',
      };
      const bare = await create('c1', '2026-03-01T10:00:00.000Z', []);
      let change = await create('c2', '2026-03-02T10:00:00.000Z', [
        payments,
        { entityRef: 'resource:default/payments-db' },
      ]);
      const step = async (
        action: 'submit' | 'request-changes' | 'record-staging',
        at: string,
        more: { comment?: string; fields?: Record<string, unknown> } = {},
      ) => {
        const toState = action === 'submit' ? 'in_review' : 'draft';
        change = await store.updateChange({
          change: {
            ...change,
            version: change.version + 1,
            state: toState,
            updatedAt: at,
          },
          expectedVersion: change.version,
          event: {
            action,
            fromState: change.state,
            toState,
            actor: bob,
            at: new Date(at),
            comment: more.comment,
            fields: more.fields ?? {},
          },
        });
      };
      await step('submit', '2026-03-02T11:00:00.000Z');
      await step('request-changes', '2026-03-02T12:00:00.250Z', {
        comment: 'Add a rollback plan',
      });
      await step('submit', '2026-03-02T13:00:00.000Z');
      await step('record-staging', '2026-03-02T14:30:15.125Z', {
        fields: { failedChecks: ['regression checks'] },
      });

      const listed = await store.listChanges({ limit: 25 });
      expect(listed.items).toEqual([
        {
          ...change,
          affectedEntityRefs: [
            'component:default/payments-service',
            'resource:default/payments-db',
          ],
          affectedSystemRefs: ['system:default/payments'],
          // The last sending back is the reason; the one before is history.
          sentBack: {
            action: 'record-staging',
            by: bob,
            at: '2026-03-02T14:30:15.125Z',
            failedChecks: ['regression checks'],
          },
        },
        { ...bare, affectedEntityRefs: [], affectedSystemRefs: [] },
      ]);
      expect(listed.items[0]).toEqual(
        expect.objectContaining(await store.getChange('c2')),
      );
      await expect(store.getChange('c1')).resolves.toEqual(bare);

      // Back in review, the reason no longer applies.
      await step('submit', '2026-03-02T15:00:00.000Z');
      const [resubmitted] = (await store.listChanges({ limit: 25 })).items;
      expect(resubmitted).not.toHaveProperty('sentBack');
    });

    it('pages with keyset cursors, ties broken by id', async () => {
      const same = '2026-03-01T10:00:00.000Z';
      for (const id of ['a', 'b', 'c', 'd', 'e']) {
        await create(id, same, []);
      }
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.listChanges({ limit: 2, cursor });
        seen.push(...page.items.map(c => c.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(['e', 'd', 'c', 'b', 'a']);
    });

    it('refuses a malformed cursor', async () => {
      await expect(
        store.listChanges({ limit: 2, cursor: 'not-a-cursor' }),
      ).rejects.toThrow(/Malformed cursor/);
    });

    it('writes the side effects with their event, or neither', async () => {
      const created = await create('c1', '2026-03-01T10:00:00.000Z', []);
      const update = (expectedVersion: number) =>
        store.updateChange({
          change: { ...created, version: 2, state: 'in_review' },
          expectedVersion,
          event: {
            action: 'submit',
            fromState: 'draft',
            toState: 'in_review',
            actor: alice,
            at: new Date('2026-03-01T11:00:00.000Z'),
            fields: {},
          },
          effects: written => [
            { kind: 'notices', payload: { state: written.state } },
          ],
        });
      const outbox = () => knex('change_outbox').select('event_id', 'payload');

      // A stale version: the transaction writes nothing, side effects neither.
      await expect(update(7)).rejects.toThrow(/changed by someone else/);
      await expect(outbox()).resolves.toEqual([]);

      // The event fails after its side effects were written (its chain
      // head is gone): they are rolled back with it.
      const head = await knex('change_event_chain').where({ id: 1 }).first();
      await knex('change_event_chain').where({ id: 1 }).delete();
      await expect(update(1)).rejects.toThrow();
      await expect(outbox()).resolves.toEqual([]);
      await knex('change_event_chain').insert(head);

      await update(1);
      const [submit] = (await store.listEvents('c1')).slice(-1);
      await expect(outbox()).resolves.toEqual([
        { event_id: submit.id, payload: '{"state":"in_review"}' },
      ]);
    });
  });
});
