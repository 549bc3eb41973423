import { StoredChange } from './ChangeStore';
import { toDate, toIso } from './timestamps';

/**
 * What a row of the `changes` table holds: for each field of a change, its
 * columns and how they are written and read. The row type, `changeToRow`,
 * `rowToChange` and the export's select and decode are all derived from
 * {@link CHANGE_COLUMNS}; a new field is one entry here and a migration.
 */

/** Reads a timestamp as the query returned it (see `timestamps.ts`). */
export type ReadTime = (value: unknown) => string | undefined;

/** A column, and whether it holds a timestamp (the export formats those). */
export interface Column {
  name: string;
  time: boolean;
}

/** How one field of a change is stored: `R` is its part of the row. */
export interface Codec<T, R> {
  columns: readonly Column[];
  /** Writes the field's columns into the row, as the driver takes them. */
  encode(value: T, row: Record<string, unknown>): void;
  /**
   * The JavaScript expression that reads the field, given the expression
   * of each of its columns' raw value; `t` reads a time (see `compile`).
   */
  read(column: (name: string) => string): string;
  /** Only for the type of the row; never set. */
  readonly row?: R;
}

/**
 * `read` is an expression of `v`, the column's raw value, and `t`, the
 * query's {@link ReadTime}.
 */
function leaf<T, C extends string, Raw>(
  name: C,
  write: (value: T) => unknown,
  read: string,
  time = false,
): Codec<T, { [K in C]: Raw }> {
  return {
    columns: [{ name, time }],
    encode: (value, row) => {
      row[name] = write(value);
    },
    read: column => `(${read.replace(/\bv\b/g, column(name))})`,
  };
}

const text = <T extends string, C extends string>(name: C) =>
  leaf<T, C, string>(
    name,
    // Null when the group it belongs to is absent (nobody signed).
    v => v ?? null,
    'v',
  );
/** Null in the row, absent in the change. */
const optional = <T extends string, C extends string>(name: C) =>
  leaf<T | undefined, C, string | null>(name, v => v ?? null, 'v ?? undefined');
/** Null in the row, an empty string in the change. */
const blank = <C extends string>(name: C) =>
  leaf<string, C, string | null>(name, v => v ?? null, "v ?? ''");
const count = <C extends string>(name: C) =>
  leaf<number, C, number | string>(name, v => v, 'Number(v)');
/** SQLite stores a boolean as 0 or 1. */
const flag = <C extends string>(name: C) =>
  leaf<boolean, C, boolean | number | null>(name, v => v ?? null, 'Boolean(v)');
/** An ISO time in the change, a Date for the driver. */
const time = <T extends string | undefined, C extends string>(name: C) =>
  leaf<T, C, unknown>(name, v => toDate(v), 't(v)', true);
const json = <T, C extends string>(name: C) =>
  leaf<T, C, string>(name, v => JSON.stringify(v), 'JSON.parse(v)');
/** JSON, null in the row and absent in the change when there is none. */
const optionalJson = <T, C extends string>(name: C) =>
  leaf<T | undefined, C, string | null>(
    name,
    v => (v === undefined ? null : JSON.stringify(v)),
    '(v == null ? undefined : JSON.parse(v))',
  );

type RowOf<C> = C extends Codec<any, infer R> ? R : never;
type Intersect<U> = (U extends any ? (u: U) => void : never) extends (
  u: infer I,
) => void
  ? I
  : never;
type RowOfAll<P> = Intersect<RowOf<P[keyof P]>>;

type ValueOf<P> = {
  [K in keyof P]: P[K] extends Codec<infer T, any> ? T : never;
};

/**
 * Fields stored together, present when the first part's column is set
 * (a signature is there when someone signed).
 */
function group<P extends Record<string, Codec<any, any>>>(
  parts: P,
): Codec<ValueOf<P> | undefined, RowOfAll<P>> {
  const entries = Object.entries(parts) as [string, Codec<unknown, unknown>][];
  return {
    columns: entries.flatMap(([, part]) => part.columns),
    encode: (value, row) => {
      for (const [key, part] of entries) {
        part.encode((value as Record<string, unknown> | undefined)?.[key], row);
      }
    },
    read: column => {
      const present = column(entries[0][1].columns[0].name);
      const fields = entries.map(
        ([key, part]) => `${JSON.stringify(key)}: ${part.read(column)}`,
      );
      return `(${present} ? { ${fields.join(', ')} } : undefined)`;
    },
  };
}

/**
 * Kept in `change_entities`, not in this row: the reader sets it. Listed
 * here so that every reader makes the same shape, in the change's order.
 */
const entitiesTable = <T>(): Codec<T, Record<never, never>> => ({
  columns: [],
  encode: () => {},
  read: () => 'undefined',
});

/** Who signed a step (`<prefix>_by`) and when (`<prefix>_at`). */
function signature<P extends string>(prefix: P) {
  return {
    by: text<string, `${P}_by`>(`${prefix}_by`),
    at: time<string, `${P}_at`>(`${prefix}_at`),
  };
}

type Stored = StoredChange;

/** The fields of a change and their columns, in the order of the change. */
export const CHANGE_COLUMNS = {
  id: text<Stored['id'], 'id'>('id'),
  type: text<Stored['type'], 'type'>('type'),
  state: text<Stored['state'], 'state'>('state'),
  version: count('version'),
  title: text<string, 'title'>('title'),
  description: text<string, 'description'>('description'),
  risks: text<string, 'risks'>('risks'),
  testingNotes: text<string, 'testing_notes'>('testing_notes'),
  pullRequestUrl: optional<string, 'pull_request_url'>('pull_request_url'),
  incident: group({
    ref: text<string, 'incident_ref'>('incident_ref'),
    severity: text<
      NonNullable<Stored['incident']>['severity'],
      'incident_severity'
    >('incident_severity'),
  }),
  proposedFix: optional<string, 'proposed_fix'>('proposed_fix'),
  causedBy: optional<string, 'caused_by'>('caused_by'),
  affectedEntityRefs: entitiesTable<string[]>(),
  affectedSystemRefs: entitiesTable<string[]>(),
  createdBy: text<string, 'created_by'>('created_by'),
  createdAt: time<string, 'created_at'>('created_at'),
  updatedAt: time<string, 'updated_at'>('updated_at'),
  reviewed: group(signature('reviewed')),
  // Issue 24: the second of two peer reviews (twoPeerReviews).
  secondReviewed: group(signature('second_reviewed')),
  approved: group(signature('approved')),
  signedOff: group(signature('signed_off')),
  stagingTested: optional<
    NonNullable<Stored['stagingTested']>,
    'staging_tested'
  >('staging_tested'),
  deployed: group({
    ...signature('deployed'),
    deploymentRef: optional<string, 'deployment_ref'>('deployment_ref'),
  }),
  postDeploymentVerified: optional<
    NonNullable<Stored['postDeploymentVerified']>,
    'post_deployment_verified'
  >('post_deployment_verified'),
  verified: group(signature('verified')),
  issuesEncountered: optional<string, 'issues_encountered'>(
    'issues_encountered',
  ),
  retrospectiveDueAt: time<string | undefined, 'retrospective_due_at'>(
    'retrospective_due_at',
  ),
  retrospective: group({
    ...signature('retrospective'),
    whatChanged: blank('retrospective_what_changed'),
    why: blank('retrospective_why'),
    approvalReceived: blank('retrospective_approval_received'),
    late: flag('retrospective_late'),
  }),
  postDeploymentReview: group({
    ...signature('review'),
    preventable: text<'yes' | 'no', 'review_preventable'>('review_preventable'),
    notes: blank('review_notes'),
  }),
  exceptions: json<Stored['exceptions'], 'exceptions'>('exceptions'),
  // The planned window (issue 21).
  plannedStart: time<string | undefined, 'planned_start'>('planned_start'),
  plannedEnd: time<string | undefined, 'planned_end'>('planned_end'),
  // The risk assessment (issue 24).
  risk: optionalJson<Stored['risk'], 'risk'>('risk'),
} satisfies { [K in keyof Stored]-?: Codec<Stored[K], unknown> };

type Fields = typeof CHANGE_COLUMNS;

/** A row of the `changes` table, as the drivers return it. */
export type ChangeRow = RowOfAll<Fields>;

type FieldName = keyof Fields;
type FieldValues<K extends FieldName> = {
  [F in K]: Fields[F] extends Codec<infer T, any> ? T : never;
};

/**
 * The columns of `changes` that are not a field of the change: copies the
 * store keeps from the change's events (`deployedPullRequestColumn`), which
 * `changeToRow` does not write and a change read does not hold.
 */
export const DERIVED_CHANGE_COLUMNS: readonly string[] = [
  'pull_request_at_deploy',
];

/** Every field's column of the `changes` table, in the order of the fields. */
export const CHANGE_COLUMN_NAMES: readonly string[] = Object.values(
  CHANGE_COLUMNS,
).flatMap(codec => codec.columns.map(c => c.name));

/**
 * A reader of rows that hold these fields' columns, built once: the table
 * is compiled into one function that returns an object literal, as a
 * hand-written mapper would. Walking the table for every row instead made
 * the export's decoding three times slower. `column` is the expression of a
 * column's raw value in the row `r`.
 */
function compile<K extends FieldName>(
  fields: readonly K[],
  column: (name: string) => string,
): (r: unknown, t: ReadTime) => FieldValues<K> {
  const values = fields.map(
    field => `${JSON.stringify(field)}: ${CHANGE_COLUMNS[field].read(column)}`,
  );
  // eslint-disable-next-line no-new-func
  return new Function('r', 't', `return { ${values.join(', ')} };`) as any;
}

/**
 * The columns of these fields, in order, and a decoder of rows that hold
 * them at those positions (with any other columns behind).
 */
export function positionalDecoder<K extends FieldName>(fields: readonly K[]) {
  const columns = fields.flatMap(field => CHANGE_COLUMNS[field].columns);
  const names = columns.map(c => c.name);
  const indexOf = (name: string) => names.indexOf(name);
  const decode: (row: readonly unknown[], time: ReadTime) => FieldValues<K> =
    compile(fields, name => `r[${indexOf(name)}]`);
  return { columns, indexOf, decode };
}

const ALL_FIELDS = Object.keys(CHANGE_COLUMNS) as FieldName[];

/** Reads a row as the query builder returns it, an object. */
const decodeRow: (row: ChangeRow, time: ReadTime) => FieldValues<FieldName> =
  compile(ALL_FIELDS, name => `r[${JSON.stringify(name)}]`);

/** A change from its row; the reader sets its affected entities. */
export function decodeChangeRow(row: ChangeRow): FieldValues<FieldName> {
  return decodeRow(row, toIso);
}

/** The row for a change; dates become Date objects for the driver. */
export function encodeChangeRow(change: StoredChange): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const field of ALL_FIELDS) {
    (CHANGE_COLUMNS[field] as Codec<unknown, unknown>).encode(
      change[field],
      row,
    );
  }
  return row;
}
