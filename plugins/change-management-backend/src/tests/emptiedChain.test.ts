import { Knex } from 'knex';
import { startChangeManagement } from '../__testUtils__/harness';
import { recordHistory } from '../__testUtils__/history';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseChainStore } from '../database/DatabaseChainStore';
import { GENESIS_HASH } from '../database/eventChain';
import { ChainVerificationService } from '../service/ChainVerificationService';

jest.setTimeout(120_000);

/** The trail's tables but the checkpoints, which some attacks leave behind. */
const TRAIL = [
  'change_events',
  'change_reminders',
  'change_entities',
  'changes',
];

/**
 * Deletes the whole trail as a superuser would, behind the append-only
 * triggers and the foreign keys; `head` says what becomes of the chain's
 * head record: deleted, or reset to the genesis hash of a fresh database.
 */
async function wipe(knex: Knex, head: 'deleted' | 'reset') {
  const pg = knex.client.config.client === 'pg';
  if (!pg) await knex.raw('PRAGMA foreign_keys = OFF');
  await knex.transaction(async tx => {
    if (pg) await tx.raw('SET LOCAL session_replication_role = replica');
    for (const table of TRAIL) await tx(table).delete();
    if (head === 'deleted') {
      await tx('change_event_chain').delete();
    } else {
      await tx('change_event_chain')
        .where({ id: 1 })
        .update({ last_hash: GENESIS_HASH, last_event_id: null });
    }
  });
  if (!pg) await knex.raw('PRAGMA foreign_keys = ON');
}

/**
 * A chain emptied from inside the database must not verify as a fresh one
 * while anything says it held events: a checkpoint, or the head configured
 * outside the database (changeManagement.audit.expectedHead).
 */
describe('an emptied audit trail', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    /** The plugin on a database, a new one unless given. */
    const setup = async (
      changeManagement?: Record<string, unknown>,
      knex?: Knex,
    ) => {
      const h = await startChangeManagement({
        knex: knex ?? (await databases.init(databaseId)),
        changeManagement,
      });
      const verify = async () =>
        (await h.as('oscar').get('/audit/verify')).body;
      return { h, knex: h.knex as Knex, verify };
    };

    /** Records history and a checkpoint of it; the checkpoint's head. */
    const checkpointed = async (h: Awaited<ReturnType<typeof setup>>['h']) => {
      await recordHistory(h);
      const verifier = new ChainVerificationService(
        new DatabaseChainStore(h.knex),
      );
      return (await verifier.verifyAndCheckpoint(h.clock.now())).head!;
    };

    it('is sound in a fresh database, with no checkpoint', async () => {
      const { verify } = await setup();
      expect(await verify()).toEqual({ ok: true, checked: 0 });
    });

    it.each([
      ['deleted', /^The chain's head record is gone/],
      [
        'reset',
        /^The audit trail is empty, but the checkpoint of .* recorded it up to event \S+: its events were wiped$/,
      ],
    ] as const)(
      'is not ok while a checkpoint recorded events (head record %s)',
      async (head, problem) => {
        const { h, knex, verify } = await setup();
        await checkpointed(h);
        await wipe(knex, head);
        expect(await verify()).toEqual({
          ok: false,
          checked: 0,
          problem: expect.stringMatching(problem),
        });
      },
    );

    it('is not ok while the configured expected head is missing, checkpoints wiped too', async () => {
      const first = await setup();
      const last = await checkpointed(first.h);
      const expectedHead = { eventId: last.eventId, hash: last.hash };
      // The same database, its backend now configured with the head.
      const { knex, verify } = await setup(
        { audit: { expectedHead } },
        first.knex,
      );
      expect(await verify()).toMatchObject({ ok: true });

      await wipe(knex, 'reset');
      const pg = knex.client.config.client === 'pg';
      await knex.transaction(async tx => {
        if (pg) await tx.raw('SET LOCAL session_replication_role = replica');
        await tx('change_chain_checkpoints').delete();
      });
      expect(await verify()).toEqual({
        ok: false,
        checked: 0,
        problem: `The audit trail is empty, but changeManagement.audit.expectedHead names event ${last.eventId} with hash ${last.hash}: its events were wiped`,
      });
    });

    it('is not ok when the expected head is not in the chain', async () => {
      const { h, verify } = await setup({
        audit: {
          expectedHead: {
            eventId: '00000000-0000-4000-8000-00000000f0f0',
            hash: 'a'.repeat(64),
          },
        },
      });
      await recordHistory(h);
      expect(await verify()).toMatchObject({
        ok: false,
        problem: expect.stringMatching(/lacks an event it must hold/),
      });
    });
  });
});
