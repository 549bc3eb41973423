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

/** After `key` in newest-first order, ties broken by id. */
function olderThan(q: Knex.QueryBuilder, key: NewestKey) {
  q.where('created_at', '<', key.createdAt).orWhere(tie =>
    tie.where('created_at', '=', key.createdAt).where('id', '<', key.id),
  );
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
