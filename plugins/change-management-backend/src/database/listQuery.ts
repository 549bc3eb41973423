import { InputError } from '@backstage/errors';
import { ChangeState } from '@trove/backstage-plugin-change-management-common';
import { Knex } from 'knex';
import { ChangeListQuery, StoredChange } from './ChangeStore';

/** States where a change waits for the CTO: approval, sign-off, review. */
const CTO_STATES: ChangeState[] = [
  'awaiting_approval',
  'staging_verified',
  'retrospective_done',
];

/** States where a change waits for its author (or any engineer) to act. */
const AUTHOR_STATES: ChangeState[] = [
  'approved',
  'ready_for_production',
  'deployed',
  'verified',
];

export function encodeCursor(change: StoredChange): string {
  return Buffer.from(JSON.stringify([change.createdAt, change.id])).toString(
    'base64url',
  );
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  try {
    const [createdAt, id] = JSON.parse(
      Buffer.from(cursor, 'base64url').toString('utf8'),
    );
    if (
      typeof createdAt === 'string' &&
      typeof id === 'string' &&
      !Number.isNaN(Date.parse(createdAt))
    ) {
      return { createdAt: new Date(createdAt), id };
    }
  } catch {
    // fall through to the error below
  }
  throw new InputError(
    'Malformed cursor; pass the nextCursor of a previous page unchanged',
  );
}

/**
 * Applies the filters and the keyset cursor of a list query to a query on
 * `changes`. Ordering is newest first, ties broken by id, which the
 * (…, created_at, id) indexes serve.
 */
export function applyListQuery(
  db: Knex,
  q: Knex.QueryBuilder,
  query: ChangeListQuery,
): Knex.QueryBuilder {
  if (query.entityRef) {
    // A System's history includes its components and resources, through
    // the system_ref recorded beside each affected entity.
    const column = query.entityRef.startsWith('system:')
      ? 'system_ref'
      : 'entity_ref';
    q.whereExists(
      db('change_entities')
        .select(db.raw('1'))
        .whereRaw('change_entities.change_id = changes.id')
        .where(column, query.entityRef),
    );
  }
  if (query.states?.length) q.whereIn('state', query.states);
  if (query.type) q.where('type', query.type);
  if (query.createdBy) q.where('created_by', query.createdBy);
  if (query.createdFrom) q.where('created_at', '>=', query.createdFrom);
  if (query.createdTo) q.where('created_at', '<', query.createdTo);
  if (query.overdueAt) {
    q.where('retrospective_due_at', '<', query.overdueAt).whereNull(
      'retrospective_at',
    );
  }
  const who = query.needsActionBy;
  if (who) {
    q.where(any => {
      any
        .where(review =>
          review
            .where('state', 'in_review')
            .whereNot('created_by', who.userEntityRef),
        )
        .orWhere(own =>
          own
            .where('created_by', who.userEntityRef)
            .whereIn('state', AUTHOR_STATES),
        );
      if (who.isCto) any.orWhereIn('state', CTO_STATES);
    });
  }
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor);
    q.where(inner =>
      inner
        .where('created_at', '<', cursor.createdAt)
        .orWhere(tie =>
          tie
            .where('created_at', '=', cursor.createdAt)
            .where('id', '<', cursor.id),
        ),
    );
  }
  return q.orderBy([
    { column: 'created_at', order: 'desc' },
    { column: 'id', order: 'desc' },
  ]);
}
