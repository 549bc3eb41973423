import { Knex } from 'knex';
import { actionFields, drafts } from './changes';
import { Harness } from './harness';
import { GENESIS_HASH, hashEvent } from '../database/eventChain';
import { rowToEvent } from '../database/rows';

/**
 * A history that takes every workflow action at least once, and records
 * each kind of exception: a standard change from draft to completed, with a
 * failed staging run and a reworked review; an emergency deployed in the
 * freeze, its retrospective late; a waived review; a rejection and a
 * cancellation. Returns the ids.
 */
export async function recordHistory(h: Harness) {
  const raise = async (user: 'alice' | 'carol', draft: object) =>
    (await h.as(user).post('/changes', draft)).body.id as string;
  const act = (
    user: Parameters<Harness['act']>[0],
    id: string,
    action: string,
  ) => h.act(user, id, action, actionFields[action]);

  const standard = await raise('alice', drafts.standard);
  await h.act('alice', standard, 'edit', {
    ...drafts.standard,
    title: 'Upgrade the PSP SDK to v5.1',
  });
  await act('alice', standard, 'submit');
  await act('bob', standard, 'request-changes');
  await act('alice', standard, 'submit');
  await act('bob', standard, 'review');
  await act('carol', standard, 'approve');
  await h.act('alice', standard, 'record-staging', {
    ...actionFields['record-staging'],
    regressionChecked: false,
  });
  await act('alice', standard, 'submit');
  await act('bob', standard, 'review');
  await act('carol', standard, 'approve');
  await act('alice', standard, 'record-staging');
  await act('carol', standard, 'sign-off');
  await act('bob', standard, 'deploy');
  await act('alice', standard, 'verify');

  const infrastructure = await raise('alice', drafts.infrastructure);
  await act('alice', infrastructure, 'submit');
  await act('carol', infrastructure, 'waive-review');
  await act('carol', infrastructure, 'reject');

  const cancelled = await raise('carol', drafts.standard);
  await act('carol', cancelled, 'cancel');

  // In the freeze, which only an emergency may deploy through.
  h.clock.set('2026-11-20T10:00:00.000Z');
  const emergency = await raise('alice', drafts.emergency);
  await act('alice', emergency, 'submit');
  await act('carol', emergency, 'approve');
  await act('bob', emergency, 'deploy');
  await act('alice', emergency, 'verify');
  h.clock.set('2026-11-23T10:00:00.000Z');
  await act('alice', emergency, 'document-retrospective');
  await act('carol', emergency, 'complete-review');
  return { standard, infrastructure, cancelled, emergency };
}

/** The tables PostgreSQL's triggers keep append-only. */
const GUARDED = ['change_events', 'change_chain_checkpoints'];

/** Lets a test tamper as an attacker who can drop PostgreSQL's triggers. */
export async function withoutTriggers<T>(
  knex: Knex,
  tamper: () => Promise<T>,
): Promise<T> {
  const pg = knex.client.config.client === 'pg';
  const triggers = (verb: 'DISABLE' | 'ENABLE') =>
    Promise.all(
      GUARDED.map(table =>
        knex.raw(`ALTER TABLE ${table} ${verb} TRIGGER USER`),
      ),
    );
  if (pg) {
    await triggers('DISABLE');
  }
  try {
    return await tamper();
  } finally {
    if (pg) {
      await triggers('ENABLE');
    }
  }
}

/**
 * What a forger who knows the algorithm does after rewriting events:
 * re-computes every hash in seq order and the chain head, so that the chain
 * alone verifies again.
 */
export async function rehashChain(knex: Knex) {
  let previousHash = GENESIS_HASH;
  let lastId: string | undefined;
  for (const row of await knex('change_events').orderBy('seq')) {
    const hash = hashEvent(previousHash, rowToEvent(row));
    await knex('change_events')
      .where({ seq: row.seq })
      .update({ previous_hash: previousHash, hash });
    previousHash = hash;
    lastId = row.id;
  }
  await knex('change_event_chain')
    .where({ id: 1 })
    .update({ last_hash: previousHash, last_event_id: lastId ?? null });
}
