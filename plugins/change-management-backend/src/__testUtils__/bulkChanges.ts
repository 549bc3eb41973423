import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import { StoredChange } from '../database/ChangeStore';
import { countDeploysStatement } from '../database/deployDays';
import { markDeployedStatement } from '../database/metricRollups';
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

/** The made-up id of change `i` of {@link seedCompletedChanges}. */
const idOf = (i: number) =>
  `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

/** Stands for the change's number in the template row of {@link seedCompletedChanges}. */
const NUMBER_MARK = 987654321;

/**
 * Seeds `count` completed changes, one every `stepMs` from `from`, with
 * their affected entity, in two INSERT … SELECT statements: the database
 * makes the rows (generate_series on PostgreSQL, a recursive WITH on
 * SQLite), so hundreds of thousands take seconds rather than minutes of
 * round trips. Each row is `completedChange(i, from + i * stepMs)` as the
 * store writes it (`changeToRow`), with a made-up id that sorts by `i`. No
 * events are written: this seeds volume, not trails.
 */
export async function seedCompletedChanges(
  knex: Knex,
  count: number,
  { from, stepMs }: { from: Date; stepMs: number },
) {
  const pg = knex.client.config.client === 'pg';
  // The row number, its id, and a time `offset` ms after the change's own.
  const series = pg
    ? 'generate_series(0, ? - 1) as s(i)'
    : '(with recursive n(i) as (select 0 union all select i + 1 from n where i + 1 < ?) select i from n) as s';
  const id = pg
    ? "'00000000-0000-4000-8000-' || lpad(s.i::text, 12, '0')"
    : "'00000000-0000-4000-8000-' || printf('%012d', s.i)";
  const at = (offset: number): [string, Knex.Value[]] =>
    pg
      ? [
          "(?::timestamptz + (floor(s.i * ?::float8) + ?) * interval '1 millisecond')",
          [from.toISOString(), stepMs, offset],
        ]
      : [
          '(? + cast(s.i * ? as integer) + ?)',
          [from.getTime(), stepMs, offset],
        ];

  // The template is change NUMBER_MARK at the epoch: its times are offsets,
  // and its texts that name the number are split around it.
  const template = changeToRow(completedChange(NUMBER_MARK, new Date(0)));
  const columns: string[] = [];
  const values: string[] = [];
  const bindings: Knex.Value[] = [];
  for (const [column, value] of Object.entries(template)) {
    columns.push(column);
    if (column === 'id') {
      values.push(id);
    } else if (value instanceof Date) {
      const [sql, args] = at(value.getTime());
      values.push(sql);
      bindings.push(...args);
    } else if (value === null || typeof value === 'number') {
      values.push(String(value));
    } else {
      const parts = String(value).split(String(NUMBER_MARK));
      values.push(
        parts.map(() => '?').join(' || cast(s.i as varchar(12)) || '),
      );
      bindings.push(...parts);
    }
  }
  const change = completedChange(NUMBER_MARK, new Date(0));
  // The list's key: the change's own created_at (migration 20261126020000).
  const [createdAt, createdAtArgs] = at(
    (template.created_at as Date).getTime(),
  );
  await knex.transaction(async tx => {
    if (pg) {
      // Consistent by construction: as BulkHistoryWriter does, skip the
      // per-row triggers and count the calendar's days once at the end.
      await tx.raw('SET LOCAL session_replication_role = replica');
    }
    await tx.raw(
      `insert into changes (${columns.join(', ')}) select ${values.join(
        ', ',
      )} from ${series}`,
      [...bindings, count],
    );
    await tx.raw(
      `insert into change_entities (change_id, entity_ref, system_ref, owner_ref, created_at) select ${id}, ?, ?, ?, ${createdAt} from ${series}`,
      [
        change.affectedEntityRefs[0],
        change.affectedSystemRefs[0],
        'group:default/payments',
        ...createdAtArgs,
        count,
      ],
    );
    if (pg) {
      const chosen = (column: string) => `${column} BETWEEN :first AND :last`;
      const range = { first: idOf(0), last: idOf(count - 1) };
      await tx.raw(countDeploysStatement(chosen), range);
      await tx.raw(markDeployedStatement(chosen), range);
    }
  });
  if (pg) {
    // Statistics, as autovacuum would gather them on a table this size.
    await knex.raw('analyze changes, change_entities');
  }
}
