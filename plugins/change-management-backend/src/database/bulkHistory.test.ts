import { Knex } from 'knex';
import { startChangeManagement } from '../__testUtils__/harness';
import { drafts } from '../__testUtils__/changes';
import { recordHistory } from '../__testUtils__/history';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { ChainVerificationService } from '../service/ChainVerificationService';
import { BulkHistoryWriter, HistoryEntry, writeHistory } from './bulkHistory';
import { DatabaseChainStore } from './DatabaseChainStore';
import { rowToChange, rowToEvent } from './rows';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { SCRIPTS, seedChange } from '../sample/lifecycle';

jest.setTimeout(120_000);

/** The changes of a database as the store wrote them, with their events. */
async function historyOf(knex: Knex): Promise<HistoryEntry[]> {
  const [changes, entities, events] = await Promise.all([
    knex('changes').orderBy('created_at'),
    knex('change_entities'),
    knex('change_events').orderBy('seq'),
  ]);
  return changes.map(row => {
    const mine = entities.filter(e => e.change_id === row.id);
    return {
      change: rowToChange(row, mine),
      entities: mine.map(e => ({
        entityRef: e.entity_ref,
        systemRef: e.system_ref ?? undefined,
        ownerRef: e.owner_ref ?? undefined,
      })),
      events: events
        .filter(e => e.change_id === row.id)
        .map(rowToEvent)
        .map(({ action, fromState, toState, actor, at, comment, fields }) => ({
          action,
          fromState,
          toState,
          actor,
          at: new Date(at),
          comment,
          fields,
        })),
    };
  });
}

/** The rows of a table, sorted, without the columns a new load makes anew. */
async function rowsOf(knex: Knex, table: string, without: string[] = []) {
  const rows = await knex(table);
  return rows
    .map(row => {
      const kept = { ...row };
      for (const column of without) delete kept[column];
      return JSON.stringify(kept, Object.keys(kept).sort());
    })
    .sort();
}

/**
 * A history the server recorded, loaded into a fresh database by each way
 * of bulk-loading: the rows come out as the store wrote them, and the
 * chain verifies (every event checked, every row replayed from its events).
 */
describe('bulk-loading history', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    const load = async (
      write: (knex: Knex, entries: HistoryEntry[]) => Promise<void>,
    ) => {
      const h = await startChangeManagement({
        knex: await databases.init(databaseId),
      });
      await recordHistory(h);
      const entries = await historyOf(h.knex);
      const fresh = await startChangeManagement({
        knex: await databases.init(databaseId),
      });
      await write(fresh.knex, entries);
      const anew = ['id', 'seq', 'previous_hash', 'hash'];
      const tables = async (knex: Knex) => ({
        changes: await rowsOf(knex, 'changes'),
        change_entities: await rowsOf(knex, 'change_entities'),
        // Events get new ids, so new hashes, and their place in the chain.
        change_events: await rowsOf(knex, 'change_events', anew),
      });
      return {
        events: entries.flatMap(e => e.events).length,
        verification: await new ChainVerificationService(
          new DatabaseChainStore(fresh.knex),
        ).verify(),
        loaded: await tables(fresh.knex),
        recorded: await tables(h.knex),
      };
    };

    it('writeHistory writes the store rows and a sound chain', async () => {
      const { events, verification, loaded, recorded } = await load(
        writeHistory,
      );
      expect(verification).toMatchObject({ ok: true, checked: events });
      expect(loaded).toEqual(recorded);
    });

    if (databaseId.startsWith('POSTGRES')) {
      it('BulkHistoryWriter writes the store rows and a sound chain', async () => {
        const result = await load(async (knex, entries) => {
          const client = await knex.client.acquireConnection();
          try {
            const writer = await BulkHistoryWriter.open(client);
            // Two flushes, to chain one batch onto the next.
            entries.slice(0, 2).forEach(e => writer.add(e));
            await writer.flush();
            entries.slice(2).forEach(e => writer.add(e));
            await writer.finish();
          } finally {
            await knex.client.releaseConnection(client);
          }
        });
        expect(result.verification).toMatchObject({
          ok: true,
          checked: result.events,
        });
        expect(result.loaded).toEqual(result.recorded);
      });

      it('BulkHistoryWriter refuses to load once the server appended to the chain', async () => {
        // The bench seeds right after a load whose last requests may still
        // be writing: a writer that went on would reuse their seqs and
        // fork the chain.
        const h = await startChangeManagement({
          knex: await databases.init(databaseId),
        });
        await recordHistory(h);
        const [entry] = await historyOf(h.knex);
        const eventsBefore = await h.knex('change_events').count({ n: '*' });
        const client = await h.knex.client.acquireConnection();
        try {
          const writer = await BulkHistoryWriter.open(client);
          // The server appends an event after the writer read the head.
          const raised = await h.as('alice').post('/changes', drafts.standard);
          expect(raised.status).toBe(201);
          const eventsBetween = await h.knex('change_events').count({ n: '*' });
          writer.add({
            ...entry,
            change: { ...entry.change, id: `${entry.change.id}-bulk` },
          });
          await expect(writer.flush()).rejects.toThrow(
            'The audit chain moved while BulkHistoryWriter was loading',
          );
          // Nothing of the batch was written, and the chain is still sound.
          expect(await h.knex('change_events').count({ n: '*' })).toEqual(
            eventsBetween,
          );
          expect(
            await h.knex('changes').where({ id: `${entry.change.id}-bulk` }),
          ).toEqual([]);
          expect(
            await new ChainVerificationService(
              new DatabaseChainStore(h.knex),
            ).verify(),
          ).toMatchObject({ ok: true });
          expect(eventsBetween).not.toEqual(eventsBefore);
        } finally {
          await h.knex.client.releaseConnection(client);
        }
      });
    }
  });
});

describe("bulk-loading keeps the row's copy of the PR at its last deploy", () => {
  const databases = createTestDatabases();
  const migrations = resolvePackagePath(
    '@trove/backstage-plugin-change-management-backend',
    'migrations',
  );
  const entry = (createdAt: string) =>
    seedChange({
      script: SCRIPTS.find(s => s.name === 'reworked')!,
      entities: [
        {
          entityRef: 'component:default/payments-service',
          systemRef: 'system:default/payments',
          ownerRef: 'group:default/payments',
        },
      ],
      author: 0,
      createdAt: new Date(createdAt),
      stepMs: 60_000,
      title: 'A seeded change',
      pullRequests: true,
    });
  const copyOf = async (knex: Knex, { change, events }: HistoryEntry) => {
    const deploys = events.filter(e => e.action === 'deploy');
    expect(deploys).toHaveLength(1);
    const row = await knex('changes')
      .where({ id: change.id })
      .first('pull_request_at_deploy');
    return {
      copy: JSON.parse(row.pull_request_at_deploy),
      recorded: deploys[0].fields.pullRequest,
    };
  };

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it('through writeHistory (the trigger writes it)', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: migrations });
      const seeded = entry('2025-02-03T10:00:00.000Z');
      await writeHistory(knex, [seeded]);
      const { copy, recorded } = await copyOf(knex, seeded);
      expect(copy).toEqual(recorded);
      expect(copy).toMatchObject({ state: 'merged' });
    });

    if (databaseId.startsWith('POSTGRES')) {
      it('through BulkHistoryWriter (which skips the trigger)', async () => {
        const knex = await databases.init(databaseId);
        await knex.migrate.latest({ directory: migrations });
        const seeded = entry('2025-02-04T10:00:00.000Z');
        const client = await knex.client.acquireConnection();
        try {
          const writer = await BulkHistoryWriter.open(client);
          writer.add(seeded);
          await writer.finish();
        } finally {
          await knex.client.releaseConnection(client);
        }
        const { copy, recorded } = await copyOf(knex, seeded);
        expect(copy).toEqual(recorded);
        expect(copy).toMatchObject({ state: 'merged' });
      });
    }
  });
});
