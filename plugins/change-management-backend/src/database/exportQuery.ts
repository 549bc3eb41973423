import { ChangeException } from '@trove/backstage-plugin-change-management-common';
import { Knex } from 'knex';
import { ExportedChange, ExportQuery } from './ChangeStore';
import { applyListFilters } from './listQuery';
import { toIso } from './timestamps';

/** Changes per query: large enough to amortise a round trip, small in memory. */
export const EXPORT_BATCH = 2500;

/** The timestamp columns the change log shows. */
const TIMES = [
  'created_at',
  'reviewed_at',
  'approved_at',
  'signed_off_at',
  'deployed_at',
  'verified_at',
  'retrospective_due_at',
  'retrospective_at',
] as const;

/** The other columns the change log shows; free text it leaves out is not read. */
const COLUMNS = [
  'id',
  'type',
  'state',
  'title',
  'description',
  'created_by',
  'reviewed_by',
  'approved_by',
  'signed_off_by',
  'staging_tested',
  'deployed_by',
  'deployment_ref',
  'post_deployment_verified',
  'verified_by',
  'issues_encountered',
  'incident_ref',
  'incident_severity',
  'retrospective_by',
  'retrospective_late',
  'retrospective_what_changed',
  'retrospective_why',
  'retrospective_approval_received',
  'exceptions',
] as const;

/** The fields of an exported row, in the order of its JSON array. */
const FIELDS = [...COLUMNS, ...TIMES, 'entities'] as const;
type Field = (typeof FIELDS)[number];
const AT = Object.fromEntries(FIELDS.map((f, i) => [f, i])) as Record<
  Field,
  number
>;

/** A change's fields as the database returns them, by {@link AT}. */
type ExportRow = any[];

/**
 * The changes of the query, oldest first, in keyset batches of
 * {@link EXPORT_BATCH}: memory holds a batch or two whatever the range, and
 * on PostgreSQL the next batch is read while the caller writes this one. The
 * filters are the list's own (`applyListFilters`), ordered here oldest first
 * on the (created_at, id) index.
 */
export async function* exportChanges(
  db: Knex,
  query: ExportQuery,
): AsyncGenerator<ExportedChange[]> {
  const pg = db.client.config.client === 'pg';
  const batch = (after?: ExportRow) => {
    const q = applyListFilters(db, db('changes'), query)
      .select(rowAsJson(db, pg))
      .orderBy([
        { column: 'changes.created_at', order: 'asc' },
        { column: 'changes.id', order: 'asc' },
      ])
      .limit(EXPORT_BATCH);
    if (after) {
      // A row value, which both databases match on the index; the same
      // condition spelt with OR makes PostgreSQL rescan from the start.
      q.whereRaw('(changes.created_at, changes.id) > (?, ?)', [
        after[AT.created_at],
        after[AT.id],
      ]);
    }
    // The pg driver parses json itself; SQLite hands back the text.
    return q.then((rows: { fields: unknown }[]) =>
      rows.map(({ fields }) => (pg ? fields : JSON.parse(fields as string))),
    ) as Promise<ExportRow[]>;
  };
  // PostgreSQL hands the times back as ISO text (see rowAsJson); SQLite
  // stores epoch milliseconds.
  const time = pg ? (value: unknown) => (value as string) ?? undefined : toIso;
  // A batch's changes and, when it was full, the key to read on from; the
  // raw rows are dropped here, before the caller holds the changes.
  const read = async (after?: ExportRow) => {
    const rows = await batch(after);
    return {
      changes: rows.map(row => toExportedChange(row, time)),
      last: rows.length === EXPORT_BATCH ? rows[rows.length - 1] : undefined,
    };
  };
  let next = read();
  for (;;) {
    const { changes, last } = await next;
    // PostgreSQL reads the next batch while the caller writes this one;
    // SQLite runs in this thread, where reading ahead only holds a second
    // batch in memory.
    if (last && pg) next = read(last);
    if (changes.length) yield changes;
    if (!last) return;
    if (!pg) next = read(last);
  }
}

/**
 * The fields as one JSON array per change: the driver then decodes one
 * value a row rather than thirty-five, which was the larger part of the
 * export's time on PostgreSQL. With the columns come each change's entities
 * and their Systems as one list of pairs, read in the same query.
 *
 * On PostgreSQL the times come as the text `Date.toISOString()` would
 * write, which saves parsing eight dates a row; the app writes times from
 * JavaScript dates, so milliseconds are all the precision there is, and the
 * next batch's keyset can compare that text.
 */
function rowAsJson(db: Knex, pg: boolean) {
  // One lookup a change (two cost PostgreSQL half of the query's time):
  // each entity with its System, 'entity system' pairs joined by ','.
  const entities = `(select ${
    pg ? 'string_agg' : 'group_concat'
  }(e.entity_ref || ' ' || coalesce(e.system_ref, ''), ',') from change_entities e where e.change_id = changes.id)`;
  const iso = (column: string) =>
    pg
      ? `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
      : column;
  const values = [...COLUMNS, ...TIMES.map(iso), entities];
  return db.raw(
    `${pg ? 'json_build_array' : 'json_array'}(${values.join(', ')}) as fields`,
  );
}

/**
 * The affected entities and their Systems, sorted, from the pairs of
 * {@link rowAsJson}. Refs hold no spaces or commas: kind, namespace and
 * name allow letters, digits, '-', '_' and '.'.
 */
function affected(pairs: string | null) {
  const entityRefs: string[] = [];
  const systemRefs = new Set<string>();
  for (const pair of pairs ? pairs.split(',') : []) {
    const [entityRef, systemRef] = pair.split(' ');
    entityRefs.push(entityRef);
    if (systemRef) systemRefs.add(systemRef);
  }
  return {
    affectedEntityRefs: entityRefs.sort(),
    affectedSystemRefs: [...systemRefs].sort(),
  };
}

function signature(by: string | null, at: string | undefined) {
  return by && at ? { by, at } : undefined;
}

/** The change log's part of a change, from its row. */
function toExportedChange(
  row: ExportRow,
  time: (value: unknown) => string | undefined,
): ExportedChange {
  const retrospective = signature(
    row[AT.retrospective_by],
    time(row[AT.retrospective_at]),
  );
  const deployed = signature(row[AT.deployed_by], time(row[AT.deployed_at]));
  return {
    id: row[AT.id],
    type: row[AT.type],
    state: row[AT.state],
    title: row[AT.title],
    description: row[AT.description],
    incident: row[AT.incident_ref]
      ? { ref: row[AT.incident_ref], severity: row[AT.incident_severity] }
      : undefined,
    ...affected(row[AT.entities]),
    createdBy: row[AT.created_by],
    createdAt: time(row[AT.created_at])!,
    reviewed: signature(row[AT.reviewed_by], time(row[AT.reviewed_at])),
    approved: signature(row[AT.approved_by], time(row[AT.approved_at])),
    signedOff: signature(row[AT.signed_off_by], time(row[AT.signed_off_at])),
    stagingTested: row[AT.staging_tested] ?? undefined,
    deployed: deployed && {
      ...deployed,
      deploymentRef: row[AT.deployment_ref] ?? undefined,
    },
    postDeploymentVerified: row[AT.post_deployment_verified] ?? undefined,
    verified: signature(row[AT.verified_by], time(row[AT.verified_at])),
    issuesEncountered: row[AT.issues_encountered] ?? undefined,
    retrospectiveDueAt: time(row[AT.retrospective_due_at]),
    retrospective: retrospective && {
      ...retrospective,
      whatChanged: row[AT.retrospective_what_changed] ?? '',
      why: row[AT.retrospective_why] ?? '',
      approvalReceived: row[AT.retrospective_approval_received] ?? '',
      late: Boolean(row[AT.retrospective_late]),
    },
    exceptions: JSON.parse(row[AT.exceptions]) as ChangeException[],
  };
}
