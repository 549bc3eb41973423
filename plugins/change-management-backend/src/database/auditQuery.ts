import {
  AuditException,
  ChangeEvent,
  ChangeException,
  ChangeType,
  ExceptionFacts,
} from '@trove/backstage-plugin-change-management-common';
import { Knex } from 'knex';
import { AuditQuery } from './ChangeStore';
import { applyListFilters } from './listQuery';
import { retrospectiveOverdueQuery, unverifiedQuery } from './overdueQuery';
import { toIso } from './timestamps';

/**
 * The changes the reader may see, with the list's own filters: the filters
 * only, as the list's keyed order joins change_entities, whose columns
 * (created_at) would make the audit's conditions ambiguous.
 */
function readable(db: Knex, query: AuditQuery, select: string[]) {
  return applyListFilters(db, db('changes'), {
    entityRef: query.entityRef,
    permissionFilter: query.permissionFilter,
  }).select(select);
}

const entry = (
  row: Record<string, any>,
  kind: AuditException['kind'],
  at: unknown,
  actor: string,
  detail: string,
  facts?: ExceptionFacts,
): AuditException => ({
  changeId: row.id,
  title: row.title,
  changeType: row.type as ChangeType,
  kind,
  at: toIso(at),
  actor,
  detail,
  ...(facts && { facts }),
});

/**
 * What a recorded exception's sentence is made of (exceptionFacts of
 * -common, from the row and the deploy event): the closure a freeze
 * override went through and the approval it relied on, a late
 * retrospective's due and documented times.
 */
function factsOf(
  e: ChangeException,
  row: Record<string, any>,
  deploys: Map<string, ChangeEvent['fields']>,
): ExceptionFacts | undefined {
  if (e.kind === 'freeze-override') {
    const fields = deploys.get(row.id);
    return fields?.approvalReliedOn
      ? { window: fields.freezeWindow, approval: fields.approvalReliedOn }
      : undefined;
  }
  if (e.kind === 'late-retrospective' && row.retrospective_at) {
    return {
      dueAt: toIso(row.retrospective_due_at),
      documentedAt: toIso(row.retrospective_at),
    };
  }
  return undefined;
}

/** The fields of the deploy events of these changes, by change. */
async function deployFields(db: Knex, ids: string[]) {
  const rows: { change_id: string; fields: string }[] = ids.length
    ? await db('change_events')
        .whereIn('change_id', ids)
        .where('action', 'deploy')
        .select('change_id', 'fields')
    : [];
  return new Map(rows.map(r => [r.change_id, JSON.parse(r.fields)]));
}

/**
 * The exceptions of [from, to), oldest first. Those the workflow recorded
 * are kept on the change (a JSON column that neither dialect indexes), so
 * changes with any are read and their exceptions picked by time; the rest
 * are conditions on the record, each one query on its own time column.
 */
export async function listAuditExceptions(
  db: Knex,
  query: AuditQuery & { now: Date },
): Promise<AuditException[]> {
  const { from, to, now } = query;
  const head = ['id', 'title', 'type'];
  // Rows of the columns each query selects.
  const [recorded, missing, unverified, failed, rolledBack]: Record<
    string,
    any
  >[][] = await Promise.all([
    readable(db, query, [
      ...head,
      'exceptions',
      'retrospective_due_at',
      'retrospective_at',
    ])
      .whereNot('exceptions', '[]')
      .where('created_at', '<', to),
    readable(db, query, [...head, 'created_by', 'retrospective_due_at'])
      .where(q => retrospectiveOverdueQuery(q, now))
      .where('retrospective_due_at', '>=', from)
      .where('retrospective_due_at', '<', to),
    readable(db, query, [...head, 'deployed_by', 'deployed_at'])
      .where(unverifiedQuery)
      .where('deployed_at', '>=', from)
      .where('deployed_at', '<', to),
    readable(db, query, [...head, 'verified_by', 'verified_at'])
      .where('post_deployment_verified', 'no')
      .where('verified_at', '>=', from)
      .where('verified_at', '<', to),
    readable(
      db,
      query,
      head.map(column => `changes.${column}`),
    )
      .join('change_events as e', 'e.change_id', 'changes.id')
      .select('e.actor', 'e.created_at', 'e.comment')
      .where('e.action', 'roll-back')
      .where('e.created_at', '>=', from)
      .where('e.created_at', '<', to),
  ]);
  const inPeriod = recorded.map(row => ({
    row,
    exceptions: (JSON.parse(row.exceptions) as ChangeException[]).filter(
      e => Date.parse(e.at) >= +from && Date.parse(e.at) < +to,
    ),
  }));
  const deploys = await deployFields(
    db,
    inPeriod
      .filter(r => r.exceptions.some(e => e.kind === 'freeze-override'))
      .map(r => r.row.id),
  );
  const items = [
    ...inPeriod.flatMap(({ row, exceptions }) =>
      exceptions.map(e =>
        entry(row, e.kind, e.at, e.actor, e.detail, factsOf(e, row, deploys)),
      ),
    ),
    ...missing.map(row =>
      entry(
        row,
        'missing-retrospective',
        row.retrospective_due_at,
        row.created_by,
        'The retrospective is past due and not documented',
      ),
    ),
    ...unverified.map(row =>
      entry(
        row,
        'not-verified',
        row.deployed_at,
        row.deployed_by,
        'Deployed to production, never verified',
      ),
    ),
    ...failed.map(row =>
      entry(
        row,
        'failed-verification',
        row.verified_at,
        row.verified_by,
        'The post-deployment verification failed',
      ),
    ),
    ...rolledBack.map(row =>
      entry(row, 'rolled-back', row.created_at, row.actor, row.comment ?? ''),
    ),
  ];
  return items.sort((a, b) => a.at.localeCompare(b.at));
}

/** The production changes of a period: deployed in it, in any end state. */
function production(db: Knex, query: AuditQuery) {
  return readable(db, query, ['id'])
    .where('deployed_at', '>=', query.from)
    .where('deployed_at', '<', query.to);
}

export async function countProduction(
  db: Knex,
  query: AuditQuery,
): Promise<number> {
  const [{ n }] = await production(db, query).clearSelect().count({ n: '*' });
  return Number(n);
}

/** The changes raised in the period, counted by type in SQL. */
export async function countByType(
  db: Knex,
  query: AuditQuery,
): Promise<Partial<Record<ChangeType, number>>> {
  const rows: { type: ChangeType; n: number | string }[] = await readable(
    db,
    query,
    ['type'],
  )
    .where('created_at', '>=', query.from)
    .where('created_at', '<', query.to)
    .groupBy('type')
    .count({ n: '*' });
  return Object.fromEntries(rows.map(({ type, n }) => [type, Number(n)]));
}

/**
 * The ids of the production changes at these positions (0-based) of the
 * period in deploy order, numbered in SQL: only the drawn rows are read.
 */
export async function productionAt(
  db: Knex,
  query: AuditQuery,
  positions: number[],
): Promise<string[]> {
  const numbered = production(db, query).select(
    db.raw('row_number() over (order by deployed_at, id) - 1 as position'),
  );
  const rows: { id: string }[] = await db
    .select('id')
    .from(numbered.as('numbered'))
    .whereIn('position', positions)
    .orderBy('position');
  return rows.map(r => r.id);
}
