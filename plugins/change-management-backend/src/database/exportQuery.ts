import { Knex } from 'knex';
import { ExportQuery, StoredChange } from './ChangeStore';
import { applyListQuery } from './listQuery';
import { ChangeRow, rowToChange } from './rows';

/** Changes per query: large enough to amortise a round trip, small in memory. */
export const EXPORT_BATCH = 5000;

type JoinedRow = ChangeRow & {
  entity_ref: string | null;
  system_ref: string | null;
};

/**
 * The changes of the query, oldest first, in keyset batches of
 * {@link EXPORT_BATCH}: each batch is one query, the changes with their
 * affected entities joined in SQL, so memory holds one batch whatever the
 * range. The filters are the list's own (`applyListQuery`), ordered here
 * oldest first on the same (created_at, id) index.
 */
export async function* exportChanges(
  db: Knex,
  query: ExportQuery,
): AsyncGenerator<StoredChange[]> {
  let after: { createdAt: Knex.Value; id: string } | undefined;
  for (;;) {
    const page = applyListQuery(db, db('changes'), {
      ...query,
      limit: EXPORT_BATCH,
    })
      .clearOrder()
      .orderBy([
        { column: 'created_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ])
      .limit(EXPORT_BATCH);
    if (after) {
      const { createdAt, id } = after;
      page.where(next =>
        next
          .where('created_at', '>', createdAt)
          .orWhere(tie =>
            tie.where('created_at', '=', createdAt).where('id', '>', id),
          ),
      );
    }
    const rows: JoinedRow[] = await db
      .select('page.*', 'e.entity_ref', 'e.system_ref')
      .from(page.as('page'))
      .leftJoin('change_entities as e', 'e.change_id', 'page.id')
      .orderBy([
        { column: 'page.created_at', order: 'asc' },
        { column: 'page.id', order: 'asc' },
      ]);
    const changes = grouped(rows);
    if (changes.length) {
      yield changes;
      const last = rows[rows.length - 1];
      after = { createdAt: last.created_at as Knex.Value, id: last.id };
    }
    if (changes.length < EXPORT_BATCH) {
      return;
    }
  }
}

/** One change per run of joined rows with the same id. */
function grouped(rows: JoinedRow[]): StoredChange[] {
  const changes: StoredChange[] = [];
  let start = 0;
  for (let i = 1; i <= rows.length; i++) {
    if (i === rows.length || rows[i].id !== rows[start].id) {
      const entities = rows
        .slice(start, i)
        .flatMap(({ entity_ref, system_ref }) =>
          entity_ref ? [{ entity_ref, system_ref }] : [],
        );
      changes.push(rowToChange(rows[start], entities));
      start = i;
    }
  }
  return changes;
}
