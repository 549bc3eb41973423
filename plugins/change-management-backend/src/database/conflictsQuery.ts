import { Knex } from 'knex';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { ChangeFilter } from '@trove/backstage-plugin-change-management-node';
import { Conflict } from '@trove/backstage-plugin-change-management-common';
import { applyListFilters, openQuery } from './listQuery';
import { toIso } from './timestamps';

/** The open changes whose planned window overlaps one, near its entities. */
export interface ConflictsQuery {
  /** The window, [start, end). */
  start: Date;
  end: Date;
  /** The entities of the change: the same entity. */
  entityRefs: string[];
  /** Their Systems (a System names itself): the same System. */
  systemRefs: string[];
  /** The entities one dependsOn or dependencyOf hop away: a dependency. */
  neighbourRefs: string[];
  /** The change itself, when it exists. */
  excludeId?: string;
  permissionFilter?: PermissionCriteria<ChangeFilter>;
}

type ChangeConflict = Conflict & { id: string };

/** `exists` an affected entity of the change in `changes` in this column. */
function touches(db: Knex, column: string, refs: string[]) {
  return db('change_entities as e')
    .select(db.raw('1'))
    .whereRaw('e.change_id = changes.id')
    .whereIn(`e.${column}`, refs);
}

/**
 * The open changes (not isFinished) whose planned window overlaps
 * [start, end), half-open so a window that ends as the other starts does
 * not, on the same entity, the same System or an entity one dependency hop
 * away, the nearest reason first; soonest first. Only those the reader may
 * read (the list's permission filter).
 */
export async function conflictsQuery(
  db: Knex,
  query: ConflictsQuery,
): Promise<ChangeConflict[]> {
  const reasons = [
    { reason: 'same-entity', column: 'entity_ref', refs: query.entityRefs },
    { reason: 'same-system', column: 'system_ref', refs: query.systemRefs },
    { reason: 'dependency', column: 'entity_ref', refs: query.neighbourRefs },
  ].filter(r => r.refs.length > 0);
  if (reasons.length === 0) {
    return [];
  }
  // The builder wraps each subquery in its parentheses already.
  const reasonCase = db.raw(
    `case ${reasons.map(() => 'when exists ? then ?').join(' ')} end as reason`,
    reasons.flatMap(r => [touches(db, r.column, r.refs), r.reason]),
  );
  const q = db('changes')
    .select('id', 'title', 'state', 'planned_start', 'planned_end', reasonCase)
    .where('planned_start', '<', query.end)
    .where('planned_end', '>', query.start)
    .where(any => {
      for (const r of reasons) any.orWhereExists(touches(db, r.column, r.refs));
    })
    .orderBy([
      { column: 'planned_start', order: 'asc' },
      { column: 'id', order: 'asc' },
    ]);
  openQuery(q);
  if (query.excludeId) q.whereNot('id', query.excludeId);
  applyListFilters(db, q, { permissionFilter: query.permissionFilter });
  const rows: {
    id: string;
    title: string;
    state: Conflict['state'];
    planned_start: unknown;
    planned_end: unknown;
    reason: Conflict['reason'];
  }[] = await q;
  return rows.map(row => ({
    id: row.id,
    title: row.title,
    state: row.state,
    plannedStart: toIso(row.planned_start),
    plannedEnd: toIso(row.planned_end),
    reason: row.reason,
  }));
}
