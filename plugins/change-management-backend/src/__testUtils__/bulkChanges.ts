import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import { StoredChange } from '../database/ChangeStore';
import { changeToRow } from '../database/rows';

/**
 * A standard change taken to completion: reviewed, approved, staged,
 * signed off, deployed and verified, `at` plus a few minutes per step.
 */
export function completedChange(i: number, at: Date): StoredChange {
  const step = (minutes: number) =>
    new Date(at.getTime() + minutes * 60_000).toISOString();
  return {
    id: randomUUID(),
    type: 'standard',
    state: 'completed',
    version: 7,
    title: `Change ${i}: upgrade the PSP SDK to v5`,
    description:
      'Moves payments-service to PSP SDK v5 for 3DS2 support, with a refund path that keeps the old payload shape for a week.',
    risks: 'Refund calls change shape; a mistake could fail refunds.',
    testingNotes: 'Unit tests and a local run against the PSP sandbox.',
    pullRequestUrl: `https://github.com/acme/payments-service/pull/${i}`,
    affectedEntityRefs: ['component:default/payments-service'],
    affectedSystemRefs: ['system:default/payments'],
    createdBy: 'user:default/alice',
    createdAt: at.toISOString(),
    updatedAt: step(60),
    reviewed: { by: 'user:default/bob', at: step(10) },
    approved: { by: 'user:default/carol', at: step(20) },
    stagingTested: 'yes',
    signedOff: { by: 'user:default/carol', at: step(30) },
    deployed: {
      by: 'user:default/alice',
      at: step(40),
      deploymentRef: `https://ci.example.com/runs/${i}`,
    },
    postDeploymentVerified: 'yes',
    verified: { by: 'user:default/alice', at: step(50) },
    issuesEncountered: '',
    exceptions: [],
  };
}

/**
 * Inserts `count` changes made by `make`, and their affected entities, as
 * the store writes them (`changeToRow`), a batch at a time so that neither
 * the database nor this process holds them all. No events are written: this
 * seeds volume, not trails.
 */
export async function insertChanges(
  knex: Knex,
  count: number,
  make: (i: number) => StoredChange,
) {
  // SQLite allows 32,766 bound values per statement: 500 rows of 45 columns.
  const batch = 500;
  for (let start = 0; start < count; start += batch) {
    const changes = Array.from(
      { length: Math.min(batch, count - start) },
      (_, i) => make(start + i),
    );
    await knex('changes').insert(changes.map(changeToRow));
    await knex('change_entities').insert(
      changes.flatMap(change =>
        change.affectedEntityRefs.map(entityRef => ({
          change_id: change.id,
          entity_ref: entityRef,
          system_ref: change.affectedSystemRefs[0] ?? null,
          owner_ref: 'group:default/payments',
        })),
      ),
    );
  }
}
