import { isTimeInRange } from '@trove/backstage-plugin-change-management-common';
import { Knex } from 'knex';
import { inputError } from '../errors';
import { ListOrder, StoredChange } from './ChangeStore';

// The two orders of a list and their keyset cursors. A cursor is the sort
// key of the last row of a page, so the next page starts right after it
// whatever was written since.

/**
 * `due`: emergencies not yet deployed (the incident is live) first, then
 * emergencies by retrospective due time, soonest (or most overdue) first,
 * then everything else. Only emergencies have a due time.
 */
const DUE_RANK = `CASE WHEN type <> 'emergency' THEN 2 WHEN retrospective_due_at IS NULL THEN 0 ELSE 1 END`;

function dueRank(change: StoredChange): number {
  if (change.type !== 'emergency') return 2;
  return change.retrospectiveDueAt ? 1 : 0;
}

type NewestKey = { createdAt: Date; id: string };
type DueKey = NewestKey & { rank: number; dueAt?: Date };

export function encodeCursor(change: StoredChange, order: ListOrder): string {
  const newest = [change.createdAt, change.id];
  const key =
    order === 'due'
      ? ['due', dueRank(change), change.retrospectiveDueAt ?? null, ...newest]
      : newest;
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

const malformed = () =>
  inputError(
    'Malformed cursor; pass the nextCursor of a previous page unchanged, with the same order',
    [{ path: 'cursor', message: 'Malformed cursor' }],
  );

/** A time the databases compare, as a page of ours could have written it. */
function timeOf(value: unknown): Date {
  const time = new Date(value as string);
  if (typeof value !== 'string' || !isTimeInRange(time)) throw malformed();
  return time;
}

function idOf(id: unknown): string {
  if (
    typeof id !== 'string' ||
    id.length > 64 ||
    !id.isWellFormed() ||
    id.includes('\0')
  ) {
    throw malformed();
  }
  return id;
}

function decodeCursor(cursor: string, order: ListOrder): DueKey {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw malformed();
  }
  if (!Array.isArray(key)) throw malformed();
  if (order === 'newest' && key.length === 2) {
    return { rank: 0, createdAt: timeOf(key[0]), id: idOf(key[1]) };
  }
  if (order === 'due' && key.length === 5 && key[0] === 'due') {
    const [, rank, dueAt, createdAt, id] = key;
    if (![0, 1, 2].includes(rank) || (rank === 1) !== (dueAt !== null)) {
      throw malformed();
    }
    return {
      rank,
      dueAt: rank === 1 ? timeOf(dueAt) : undefined,
      createdAt: timeOf(createdAt),
      id: idOf(id),
    };
  }
  throw malformed();
}

/**
 * After `key` in newest-first order, ties broken by id. A row value, which
 * both databases (SQLite since 3.15) take as one range of a (created_at, id)
 * index, where the OR of its two halves is a filter.
 */
function olderThan(
  q: Knex.QueryBuilder,
  key: NewestKey,
  columns = ['created_at', 'id'],
) {
  q.whereRaw(`(??, ??) < (?, ?)`, [...columns, key.createdAt, key.id]);
}

/** After `key` in the `due` order. */
function dueAfter(q: Knex.QueryBuilder, key: DueKey) {
  q.whereRaw(`${DUE_RANK} > ?`, [key.rank]).orWhere(same => {
    same.whereRaw(`${DUE_RANK} = ?`, [key.rank]);
    const dueAt = key.dueAt;
    if (dueAt) {
      same.where(later =>
        later
          .where('retrospective_due_at', '>', dueAt)
          .orWhere(tie =>
            tie
              .where('retrospective_due_at', '=', dueAt)
              .where(older => olderThan(older, key)),
          ),
      );
    } else {
      same.where(older => olderThan(older, key));
    }
  });
}

/**
 * Newest first through the rows of one entity (or one System) in
 * change_entities, which carry the change's created_at: a page is one range
 * scan of the (entity_ref | system_ref, created_at, change_id) index from the
 * cursor on, joined to `changes` by key, however deep the page and however
 * rare the entity. The other filters apply to the joined change.
 */
export function orderByEntity(
  db: Knex,
  q: Knex.QueryBuilder,
  keys: { column: 'entity_ref' | 'system_ref'; ref: string },
  cursor: string | undefined,
): Knex.QueryBuilder {
  const { column, ref } = keys;
  const rows = db('change_entities as keyed')
    .select('keyed.change_id as listed_id', 'keyed.created_at as listed_at')
    .where(`keyed.${column}`, ref);
  if (column === 'system_ref') {
    // A change may touch several entities of one System (or a component and
    // the System itself): it is listed once, by the first of them. Its rows
    // sit side by side in the (system_ref, created_at, change_id, entity_ref)
    // index, so this probe reads the page of the index the scan just read.
    rows.whereNotExists(
      db('change_entities as twin')
        .select(db.raw('1'))
        .where('twin.system_ref', ref)
        .whereRaw('twin.created_at = keyed.created_at')
        .whereRaw('twin.change_id = keyed.change_id')
        .whereRaw('twin.entity_ref < keyed.entity_ref'),
    );
  }
  if (cursor) {
    olderThan(rows, decodeCursor(cursor, 'newest'), [
      'keyed.created_at',
      'keyed.change_id',
    ]);
  }
  return q
    .select('changes.*')
    .join(rows.as('listed'), 'listed.listed_id', 'changes.id')
    .orderBy([
      { column: 'listed.listed_at', order: 'desc' },
      { column: 'listed.listed_id', order: 'desc' },
    ]);
}

/**
 * Orders a list query and starts it after the cursor. Newest first is served
 * by the (…, created_at, id) indexes; `due` is meant for the queues, which
 * are short.
 */
export function orderPage(
  q: Knex.QueryBuilder,
  order: ListOrder,
  cursor: string | undefined,
): Knex.QueryBuilder {
  const key = cursor ? decodeCursor(cursor, order) : undefined;
  if (order === 'due') {
    if (key) q.where(after => dueAfter(after, key));
    return q.orderByRaw(
      `${DUE_RANK} asc, retrospective_due_at asc, created_at desc, id desc`,
    );
  }
  if (key) q.where(after => olderThan(after, key));
  return q.orderBy([
    { column: 'created_at', order: 'desc' },
    { column: 'id', order: 'desc' },
  ]);
}
