import { Knex } from 'knex';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { ChangeFilter } from '@trove/backstage-plugin-change-management-node';
import {
  Calendar,
  ChangeType,
} from '@trove/backstage-plugin-change-management-common';
import { entitiesColumn, entityRowsOf, WithEntities } from './entitiesColumn';
import { applyListFilters } from './listQuery';
import { toIso } from './timestamps';

/** The changes of a calendar period. */
export interface CalendarQuery {
  /** The period, [from, to). */
  from: Date;
  to: Date;
  /** The entity; for a System, its parts too (the list's roll-up). */
  entityRef?: string;
  type?: ChangeType;
  permissionFilter?: PermissionCriteria<ChangeFilter>;
  /** Only the changes planned in the period and not deployed. */
  plannedOnly?: boolean;
}

type CalendarRow = WithEntities & {
  id: string;
  title: string;
  type: ChangeType;
  state: Calendar['changes'][number]['state'];
  planned_start: unknown;
  planned_end: unknown;
  deployed_at: unknown;
};

/**
 * The changes the reader may read that are planned in [from, to) (their
 * window overlaps it, half-open) or were deployed to production in it,
 * in one query, soonest first; or, `plannedOnly`, those planned in it and
 * not deployed.
 */
export async function calendarQuery(
  db: Knex,
  query: CalendarQuery,
): Promise<Calendar['changes']> {
  const { from, to } = query;
  const q = db('changes')
    .select(
      'id',
      'title',
      'type',
      'state',
      'planned_start',
      'planned_end',
      'deployed_at',
      entitiesColumn(db),
    )
    .where(any =>
      query.plannedOnly
        ? any
            .where('planned_start', '<', to)
            .where('planned_end', '>', from)
            .whereNull('deployed_at')
        : any
            .where(planned =>
              planned
                .where('planned_start', '<', to)
                .where('planned_end', '>', from),
            )
            .orWhere(deployed =>
              deployed
                .where('deployed_at', '>=', from)
                .where('deployed_at', '<', to),
            ),
    )
    .orderByRaw('coalesce(planned_start, deployed_at), id');
  applyListFilters(db, q, query);
  const rows: CalendarRow[] = await q;
  return rows.map(row => {
    const plannedStart = toIso(row.planned_start);
    const plannedEnd = toIso(row.planned_end);
    const deployedAt = toIso(row.deployed_at);
    return {
      id: row.id,
      title: row.title,
      type: row.type,
      state: row.state,
      entityRefs: entityRowsOf(row)
        .map(e => e.entity_ref)
        .sort(),
      ...(plannedStart && { plannedStart }),
      ...(plannedEnd && { plannedEnd }),
      ...(deployedAt && { deployedAt }),
      emergency: row.type === 'emergency',
    };
  });
}
