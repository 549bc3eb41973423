import {
  Actor,
  RecordFacts,
  WAITING_RULES,
  WaitingRule,
} from '@trove/backstage-plugin-change-management-common';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import {
  isAndCriteria,
  isNotCriteria,
  isOrCriteria,
} from '@backstage/plugin-permission-node';
import { ChangeFilter } from '@trove/backstage-plugin-change-management-node';
import { Knex } from 'knex';
import { ChangeListFilters, ChangeListQuery } from './ChangeStore';
import { engineerOfQuery, ownsAffectedEntityQuery } from './engineerQuery';
import { entitiesColumn } from './entitiesColumn';
import { orderByEntity, orderPage } from './listOrder';
import { retrospectiveOverdueQuery } from './overdueQuery';
import { sentBackColumn } from './sentBack';

/** The column that holds each record fact the workflow's edges may need. */
const FACT_COLUMNS: Record<keyof RecordFacts, string> = {
  retrospective: 'retrospective_at',
  postDeploymentReview: 'review_at',
};

/** A change of the rule's types in its state, whose record meets its needs. */
function matchesRule(q: Knex.QueryBuilder, rule: WaitingRule) {
  q.whereIn('type', rule.types).where('state', rule.state);
  for (const [fact, value] of Object.entries(rule.needs)) {
    const column = FACT_COLUMNS[fact as keyof RecordFacts];
    if (value) q.whereNotNull(column);
    else q.whereNull(column);
  }
}

/**
 * The SQL form of `reviewLeavesAnApprover` (-common): the changes whose
 * peer review by this actor leaves another holder of the CTO role, not the
 * author, to approve them.
 */
export function reviewLeavesAnApproverQuery(
  q: Knex.QueryBuilder,
  who: Actor,
  allowSelfApproval: boolean,
) {
  if (!who.isCto || allowSelfApproval) return;
  const others = who.otherCtos ?? [];
  // Another holder leaves an approver unless that holder is the author or
  // gave the first of two reviews (twoPeerReviews); three or more always
  // leave one.
  if (others.length === 0) q.whereRaw('1 = 0');
  else if (others.length <= 2) {
    q.where(any => {
      for (const other of others) {
        any.orWhere(one =>
          one
            .whereNot('created_by', other)
            .where(r =>
              r.whereNull('reviewed_by').orWhereNot('reviewed_by', other),
            ),
        );
      }
    });
  }
}

/**
 * The rules under which a change waits on this user: as its author, as a
 * possible reviewer (an engineer but not the author, whose review leaves an
 * approver), or as a holder of the CTO role. The SQL form of `waitsOnActor`
 * (-common); tests/queues.test.ts compares the two.
 */
function waitingOnUser(
  db: Knex,
  q: Knex.QueryBuilder,
  who: Actor,
  allowSelfApproval: boolean,
) {
  for (const rule of WAITING_RULES) {
    if (rule.party === 'cto' && !who.isCto) continue;
    // Spares the query a branch that matches nothing.
    if (rule.party === 'reviewer' && who.engineerOf === 'none') continue;
    q.orWhere(one => {
      matchesRule(one, rule);
      if (rule.party === 'author') one.where('created_by', who.userEntityRef);
      if (rule.party === 'reviewer') {
        one.whereNot('created_by', who.userEntityRef);
        // Whoever gave the first of two reviews does not give the second.
        one.where(r =>
          r
            .whereNull('reviewed_by')
            .orWhereNot('reviewed_by', who.userEntityRef),
        );
        engineerOfQuery(db, one, who.engineerOf);
        reviewLeavesAnApproverQuery(one, who, allowSelfApproval);
      }
    });
  }
}

/** The permission policy's conditions, as SQL on the change's columns. */
function matchesCriteria(
  db: Knex,
  q: Knex.QueryBuilder,
  criteria: PermissionCriteria<ChangeFilter>,
) {
  if (isAndCriteria(criteria)) {
    for (const c of criteria.allOf) q.where(one => matchesCriteria(db, one, c));
  } else if (isOrCriteria(criteria)) {
    q.where(any => {
      for (const c of criteria.anyOf) {
        any.orWhere(one => matchesCriteria(db, one, c));
      }
    });
  } else if (isNotCriteria(criteria)) {
    q.whereNot(one => matchesCriteria(db, one, criteria.not));
  } else if (criteria.key === 'createdBy') {
    q.whereIn('created_by', criteria.values);
  } else {
    ownsAffectedEntityQuery(db, q, criteria.values);
  }
}

/**
 * `isInFlight` (-common): submitted changes that still wait on someone.
 * tests/queues.test.ts compares the two.
 */
export function inFlightQuery(q: Knex.QueryBuilder) {
  for (const rule of WAITING_RULES) {
    if (rule.state !== 'draft') q.orWhere(one => matchesRule(one, rule));
  }
}

/**
 * Not `isFinished` (-common): changes that still wait on someone, drafts
 * included. tests/landscape.test.ts compares the two.
 */
export function openQuery(q: Knex.QueryBuilder) {
  q.where(any => {
    for (const rule of WAITING_RULES)
      any.orWhere(one => matchesRule(one, rule));
  });
}

/**
 * The change_entities column an entity's history is found by. A System's
 * history includes its components and resources, through the system_ref
 * recorded beside each affected entity (a System's own row names itself).
 */
export function entityKeys(entityRef: string) {
  const column: 'entity_ref' | 'system_ref' = entityRef.startsWith('system:')
    ? 'system_ref'
    : 'entity_ref';
  return { column, ref: entityRef };
}

/** Applies the filters of a list query to a query on `changes`. */
export function applyListFilters(
  db: Knex,
  q: Knex.QueryBuilder,
  query: ChangeListFilters,
): Knex.QueryBuilder {
  if (query.entityRef) {
    const { column, ref } = entityKeys(query.entityRef);
    q.whereIn(
      'changes.id',
      db('change_entities').select('change_id').where(column, ref),
    );
  }
  return applyChangeFilters(db, q, query);
}

/** The filters on the change's own columns (all but the entity). */
function applyChangeFilters(
  db: Knex,
  q: Knex.QueryBuilder,
  query: ChangeListFilters,
): Knex.QueryBuilder {
  if (query.states?.length) q.whereIn('state', query.states);
  if (query.type) q.where('type', query.type);
  if (query.createdBy) q.where('created_by', query.createdBy);
  if (query.pullRequestUrl) q.where('pull_request_url', query.pullRequestUrl);
  if (query.commitSha)
    q.whereIn('changes.id', deployedCommit(db, query.commitSha));
  if (query.createdFrom) q.where('created_at', '>=', query.createdFrom);
  if (query.createdTo) q.where('created_at', '<', query.createdTo);
  if (query.overdueAt) retrospectiveOverdueQuery(q, query.overdueAt);
  const who = query.waitingOn;
  if (who) {
    const selfApproval = query.allowSelfApproval ?? false;
    q.where(any => waitingOnUser(db, any, who, selfApproval));
  }
  if (query.inFlight) q.where(any => inFlightQuery(any));
  const filter = query.permissionFilter;
  if (filter) q.where(allowed => matchesCriteria(db, allowed, filter));
  if (query.titleContains) {
    // A substring, not a pattern: the wildcards a person types are escaped.
    const escaped = query.titleContains.replace(/[\\%_]/g, c => `\\${c}`);
    q.whereRaw('lower(title) like ? escape ?', [
      `%${escaped.toLowerCase()}%`,
      '\\',
    ]);
  }
  return q;
}

/**
 * Applies the filters, the order and the keyset cursor of a list query to a
 * query on `changes`.
 */
export function applyListQuery(
  db: Knex,
  q: Knex.QueryBuilder,
  query: ChangeListQuery,
): Knex.QueryBuilder {
  const order = query.order ?? 'newest';
  if (query.entityRef && order === 'newest') {
    // The entity's keyed rows drive the page (see orderByEntity).
    applyChangeFilters(db, q, query);
    return orderByEntity(db, q, entityKeys(query.entityRef), query.cursor);
  }
  applyListFilters(db, q, query);
  return orderPage(q.select('changes.*'), order, query.cursor);
}

/**
 * A page of a list as the store reads it, in one query: the changes of the
 * list query, one more than the page to tell whether another follows, each
 * with its affected entities and, for a draft, why it was sent back.
 */
export function listPageQuery(
  db: Knex,
  query: ChangeListQuery,
): Knex.QueryBuilder {
  return applyListQuery(db, db('changes'), query)
    .select(entitiesColumn(db), sentBackColumn(db))
    .limit(query.limit + 1);
}

/**
 * The changes whose recorded deploy names this commit. A pipeline may
 * record a short SHA: the one it recorded, 7 characters or more, is the
 * start of the full one. The deploy's fields are JSON text, read with each
 * dialect's JSON function.
 */
function deployedCommit(db: Knex, sha: string): Knex.QueryBuilder {
  const recorded =
    db.client.config.client === 'pg'
      ? db.raw(`lower(cast(fields as json) ->> 'commitSha')`)
      : db.raw(`lower(json_extract(fields, '$.commitSha'))`);
  return db('change_events')
    .select('change_id')
    .where('action', 'deploy')
    .whereRaw('length(?) >= 7', [recorded])
    .whereRaw('substr(?, 1, length(?)) = ?', [
      sha.toLowerCase(),
      recorded,
      recorded,
    ]);
}
