import { Knex } from 'knex';
import { positionalDecoder, ReadTime } from './changeColumns';
import { ExportedChange, ExportQuery } from './ChangeStore';
import { applyListFilters } from './listQuery';
import { affectedRefs } from './rows';
import { toIso } from './timestamps';

/** Changes per query: large enough to amortise a round trip, small in memory. */
export const EXPORT_BATCH = 2500;

/** The fields the change log shows; free text it leaves out is not read. */
const EXPORTED_FIELDS = [
  'id',
  'type',
  'state',
  'title',
  'description',
  'incident',
  'affectedEntityRefs',
  'affectedSystemRefs',
  'createdBy',
  'createdAt',
  'reviewed',
  'approved',
  'signedOff',
  'stagingTested',
  'deployed',
  'postDeploymentVerified',
  'verified',
  'issuesEncountered',
  'retrospectiveDueAt',
  'retrospective',
  'exceptions',
  // The planned window (issue 21).
  'plannedStart',
  'plannedEnd',
  'causedBy',
  // The risk assessment (issue 24).
  'risk',
  // The second peer review of a high-risk change (issue 24).
  'secondReviewed',
] as const satisfies readonly (keyof ExportedChange)[];

const EXPORTED = positionalDecoder(EXPORTED_FIELDS);

/** Where the keyset and the entities are in an exported row. */
const CREATED_AT = EXPORTED.indexOf('created_at');
const ID = EXPORTED.indexOf('id');
const ENTITIES = EXPORTED.columns.length;
const PULL_REQUEST = ENTITIES + 1;

/**
 * A change's columns as the database returns them, then its entities and
 * its PR at deploy.
 */
type ExportRow = unknown[];

/**
 * Exports that may each hold a PostgreSQL connection at once, per store:
 * a download holds its cursor's connection until its last row, as long as
 * its client takes to read it, and knex's pool has ten. The exports beyond
 * these read in keyset batches, a connection only for each batch's query.
 */
export const EXPORT_CURSORS = 2;

/** The store's count of exports that hold a cursor open. */
export interface OpenCursors {
  open: number;
}

/**
 * The changes of the query, oldest first, in batches of {@link
 * EXPORT_BATCH}: memory holds a batch or two whatever the range. The
 * filters are the list's own (`applyListFilters`), ordered here oldest
 * first on the (created_at, id) index. On PostgreSQL through a cursor while
 * fewer than {@link EXPORT_CURSORS} are open, else in keyset batches.
 */
export async function* exportChanges(
  db: Knex,
  query: ExportQuery,
  cursors: OpenCursors,
): AsyncGenerator<ExportedChange[]> {
  const pg = db.client.config.client === 'pg';
  if (!pg || cursors.open >= EXPORT_CURSORS) {
    yield* keysetBatches(db, query, pg);
    return;
  }
  // Counted from the first read, when the cursor opens, to the last.
  cursors.open += 1;
  try {
    yield* streamed(db, query);
  } finally {
    cursors.open -= 1;
  }
}

/** The query of the export, oldest first. */
const ordered = (db: Knex, query: ExportQuery, pg: boolean) =>
  applyListFilters(db, db('changes'), query)
    .select(exportedValues(db, pg))
    .orderBy([
      { column: 'changes.created_at', order: 'asc' },
      { column: 'changes.id', order: 'asc' },
    ]);

/**
 * Batches PostgreSQL reads ahead of the one the caller writes: with one,
 * either side waited on the other (a year at 1M in-process took 6.2 s of
 * CSV with one ahead, 5.5 s with three).
 */
const FETCHES_AHEAD = 3;

/** PostgreSQL hands the times back as ISO text (see exportedValues). */
const pgTime: ReadTime = value => (value as string | null) ?? undefined;

/**
 * PostgreSQL: one statement read through a cursor, a batch a FETCH, the
 * next fetched while the caller writes this one. In keyset batches, each a
 * statement of its own, a year at 1M changes took half as long again as
 * PostgreSQL's COPY of the same rows; one statement is what COPY runs. The
 * cursor lives in a read-only transaction of its own, which holds its
 * connection until the last row or until the caller stops, and gives it
 * back once. (knex's `stream()` can give the same connection back to the
 * pool twice, knex issue 6288, so that two callers would share it.)
 */
async function* streamed(
  db: Knex,
  query: ExportQuery,
): AsyncGenerator<ExportedChange[]> {
  const { sql, bindings } = ordered(db, query, true).toSQL();
  const tx = await db.transaction({ readOnly: true });
  // FETCHes sent ahead: PostgreSQL reads the next batches while the
  // caller writes this one.
  const ahead: Promise<ExportedChange[]>[] = [];
  try {
    await tx.raw(`DECLARE change_export NO SCROLL CURSOR FOR ${sql}`, [
      ...bindings,
    ]);
    // Each row as the array of its values; the raw rows are dropped here,
    // before the caller holds the changes.
    const fetch = () =>
      tx
        .raw(`FETCH ${EXPORT_BATCH} FROM change_export`)
        .options({ rowMode: 'array' })
        .then(({ rows }: { rows: ExportRow[] }) =>
          rows.map(row => toExportedChange(row, pgTime)),
        );
    for (let i = 0; i < FETCHES_AHEAD; i++) ahead.push(fetch());
    for (;;) {
      const changes: ExportedChange[] = await ahead.shift()!;
      if (changes.length < EXPORT_BATCH) {
        if (changes.length) yield changes;
        break;
      }
      ahead.push(fetch());
      yield changes;
    }
  } finally {
    // A caller that stops early leaves FETCHes in flight: the rollback
    // waits behind them on the connection, and their results are dropped.
    for (const fetched of ahead) fetched.catch(() => {});
    await tx.rollback();
  }
}

/**
 * Keyset batches, each a statement of its own, read when the caller has
 * written the batch before: SQLite's, which runs in this thread, where
 * reading ahead would only hold a second batch in memory, and PostgreSQL's
 * beyond the open cursors. SQLite stores epoch milliseconds and hands the
 * JSON array back as text.
 */
async function* keysetBatches(
  db: Knex,
  query: ExportQuery,
  pg: boolean,
): AsyncGenerator<ExportedChange[]> {
  // A batch's changes and, when it was full, the key to read on from; the
  // raw rows are dropped here, before the caller holds the changes.
  const read = async (after?: ExportRow) => {
    const q = ordered(db, query, pg).limit(EXPORT_BATCH);
    if (after) {
      // A row value, which both databases match on the index; the same
      // condition spelt with OR makes PostgreSQL rescan from the start.
      q.whereRaw('(changes.created_at, changes.id) > (?, ?)', [
        after[CREATED_AT] as string,
        after[ID] as string,
      ]);
    }
    const rows: ExportRow[] = pg
      ? await q.options({ rowMode: 'array' })
      : (await q).map(({ fields }: { fields: string }) => JSON.parse(fields));
    const time = pg ? pgTime : toIso;
    return {
      changes: rows.map(row => toExportedChange(row, time)),
      last: rows.length === EXPORT_BATCH ? rows[rows.length - 1] : undefined,
    };
  };
  let batch = await read();
  for (;;) {
    if (batch.changes.length) yield batch.changes;
    if (!batch.last) return;
    batch = await read(batch.last);
  }
}

/**
 * Issue 20: the pull request snapshot of the change's last deploy event, or
 * null, as the row keeps a copy of it (migration
 * 20261231030000_pull_request_at_deploy).
 */
const PULL_REQUEST_AT_DEPLOY =
  '(case when changes.deployed_at is not null and changes.pull_request_url is not null then changes.pull_request_at_deploy end)';

/**
 * The fields of a change, in order, then its entities and their Systems as
 * one list of pairs, and the PR at its deploy, read in the same query. PostgreSQL sends them as
 * columns that node-postgres hands back as an array; SQLite, whose driver
 * would build an object of thirty-five keys a row, as one JSON array.
 * (On PostgreSQL, building that JSON cost more than the rest of the query.)
 *
 * On PostgreSQL the times come as the text `Date.toISOString()` would
 * write, which saves parsing eight dates a row; the app writes times from
 * JavaScript dates, so milliseconds are all the precision there is.
 */
function exportedValues(db: Knex, pg: boolean) {
  // One lookup a change (two cost PostgreSQL half of the query's time):
  // each entity with its System, 'entity system' pairs joined by ','.
  const entities = `(select ${
    pg ? 'string_agg' : 'group_concat'
  }(e.entity_ref || ' ' || coalesce(e.system_ref, ''), ',') from change_entities e where e.change_id = changes.id)`;
  const iso = (column: string) =>
    pg
      ? `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
      : column;
  const values = [
    ...EXPORTED.columns.map(c => (c.time ? iso(c.name) : c.name)),
    entities,
    PULL_REQUEST_AT_DEPLOY,
  ].join(', ');
  return db.raw(pg ? values : `json_array(${values}) as fields`);
}

/**
 * The change log's part of a change, from its row. The entities come as
 * the pairs of {@link exportedValues}; refs hold no spaces or commas: kind,
 * namespace and name allow letters, digits, '-', '_' and '.'.
 */
function toExportedChange(row: ExportRow, time: ReadTime): ExportedChange {
  // Typed with every key required, so that the check fails when
  // ExportedChange gains a field that EXPORTED_FIELDS leaves out.
  const change: {
    [K in keyof Required<
      Omit<ExportedChange, 'pullRequestAtDeploy'>
    >]: ExportedChange[K];
  } & Pick<ExportedChange, 'pullRequestAtDeploy'> = EXPORTED.decode(row, time);
  const pairs = row[ENTITIES] as string | null;
  const entityRefs: string[] = [];
  const systemRefs: string[] = [];
  for (const pair of pairs ? pairs.split(',') : []) {
    const [entityRef, systemRef] = pair.split(' ');
    entityRefs.push(entityRef);
    if (systemRef) systemRefs.push(systemRef);
  }
  const affected = affectedRefs(entityRefs, systemRefs);
  change.affectedEntityRefs = affected.affectedEntityRefs;
  change.affectedSystemRefs = affected.affectedSystemRefs;
  // The copy's JSON text, or SQL NULL when the last deploy recorded none
  // (the trigger stores NULL, never the text 'null').
  const pullRequest = row[PULL_REQUEST] as string | null;
  if (pullRequest) change.pullRequestAtDeploy = JSON.parse(pullRequest);
  return change;
}
