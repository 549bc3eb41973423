import { ACTION_FIELDS } from '../actionSchemas';
import type { EntityFactsItem } from '../responses';
import { Change, ChangeState, IncidentSeverity } from '../types';
import { isRetrospectiveOverdue } from './overdue';
import { MACHINES } from './transitions';
import { isInFlight, WorkflowChange } from './waitsOn';

// An entity's delivery figures, as the scorecards of Tech Insights read
// them: each asked of one change by the judges of the workflow, and added
// up here. The SQL form is the backend's database/entityFactsQuery.ts;
// tests/entityFacts.test.ts compares the two.

/** The change failure rate looks back this many days. @public */
export const CHANGE_FAILURE_WINDOW_DAYS = 90;

/**
 * The states a roll-back leads to, in any machine: a change in one was
 * deployed to production and undone.
 *
 * @public
 */
export const ROLLED_BACK_STATES: ChangeState[] = [
  ...new Set(
    MACHINES.flatMap(({ machine }) =>
      Object.values(machine).flatMap(edges =>
        edges?.['roll-back'] ? [edges['roll-back'].to] : [],
      ),
    ),
  ),
];

/**
 * The answer of `verify` that records a failed post-deployment
 * verification: the one its form marks as failing.
 *
 * @public
 */
export const FAILED_VERIFICATION =
  ACTION_FIELDS.verify.postDeploymentVerified.form.failsOn;

/**
 * The states of an emergency whose "caused by" does not count: a draft
 * still being written, and one cancelled, which withdrew the claim.
 *
 * @public
 */
export const CAUSE_NOT_CLAIMED_STATES: ChangeState[] = ['draft', 'cancelled'];

/**
 * Whether a change claims to know the change that caused its incident: an
 * emergency, submitted and not cancelled, that names one (`causedBy`).
 *
 * @public
 */
export function claimsCause(
  change: Pick<Change, 'type' | 'state' | 'causedBy'>,
): boolean {
  return (
    change.type === 'emergency' &&
    !!change.causedBy &&
    !CAUSE_NOT_CLAIMED_STATES.includes(change.state)
  );
}

/**
 * The changes named as the cause of an incident, each with the worst
 * severity among the emergencies naming it (undefined when none says).
 *
 * @public
 */
export type IncidentCauses = ReadonlyMap<string, IncidentSeverity | undefined>;

/**
 * The changes these emergencies name as causes. Read from every change,
 * whoever may read the emergency: being named is a fact of the named
 * change, as its state is.
 *
 * @public
 */
export function incidentCauses(
  changes: Pick<Change, 'type' | 'state' | 'causedBy' | 'incident'>[],
): IncidentCauses {
  const causes = new Map<string, IncidentSeverity | undefined>();
  for (const change of changes.filter(claimsCause)) {
    const severities = [causes.get(change.causedBy!), change.incident?.severity]
      .filter((s): s is IncidentSeverity => !!s)
      .sort();
    causes.set(change.causedBy!, severities[0]);
  }
  return causes;
}

/**
 * A production change that failed by its own record: rolled back, or its
 * post-deployment verification answered that it did not work.
 *
 * @public
 */
export function failedOnItsOwn(
  change: Pick<Change, 'state' | 'deployed' | 'postDeploymentVerified'>,
): boolean {
  return (
    !!change.deployed &&
    (ROLLED_BACK_STATES.includes(change.state) ||
      change.postDeploymentVerified === FAILED_VERIFICATION)
  );
}

/**
 * A production change that failed: by its own record, or named by an
 * emergency as the cause of its incident (issue 21). The emergency that
 * remedies it counts as a production change of its own, and fails as any
 * other does (docs/workflow.md, "Decisions beyond the SOP's words").
 *
 * @public
 */
export function isFailedChange(
  change: Pick<Change, 'id' | 'state' | 'deployed' | 'postDeploymentVerified'>,
  causes: IncidentCauses,
): boolean {
  return failedOnItsOwn(change) || (!!change.deployed && causes.has(change.id));
}

/**
 * The share of production changes that failed, from 0 to 1; none when
 * nothing went to production.
 *
 * @public
 */
export function changeFailureRate(
  failed: number,
  production: number,
): number | undefined {
  return production === 0 ? undefined : failed / production;
}

/**
 * One entity's figures at `now`, as `GET /entities/facts` serves them.
 *
 * @public
 */
export type EntityFacts = Omit<EntityFactsItem, 'entityRef'>;

const DAY_MS = 86_400_000;

/** The start of the window at `now`, exclusive: it ends at `now`. @public */
export function changeFailureWindowStart(now: Date): Date {
  return new Date(now.getTime() - CHANGE_FAILURE_WINDOW_DAYS * DAY_MS);
}

/** What the figures are made of: four counts and a time. @public */
export type EntityFactsCounts = Pick<
  EntityFacts,
  | 'openChanges'
  | 'overdueRetrospectives'
  | 'productionChanges'
  | 'failedChanges'
>;

/**
 * The figures from their counts and the last production deploy, whether
 * the counting was done here ({@link entityFacts}) or by a database.
 *
 * @public
 */
export function entityFactsOf(
  counts: EntityFactsCounts,
  lastProductionChangeAt: Date | undefined,
  now: Date,
): EntityFacts {
  const rate = changeFailureRate(
    counts.failedChanges,
    counts.productionChanges,
  );
  return {
    ...counts,
    ...(rate !== undefined && { changeFailureRate: rate }),
    ...(lastProductionChangeAt && {
      lastProductionChangeAt: lastProductionChangeAt.toISOString(),
      daysSinceLastProductionChange: Math.max(
        0,
        Math.floor((now.getTime() - lastProductionChangeAt.getTime()) / DAY_MS),
      ),
    }),
  };
}

/**
 * The figures of an entity from its changes: those affecting it, or for a
 * System its parts. The window is (now − 90 days, now], by deploy time.
 * `causes` are named by emergencies anywhere ({@link incidentCauses}).
 *
 * @public
 */
export function entityFacts(
  changes: (WorkflowChange &
    Pick<
      Change,
      'id' | 'deployed' | 'postDeploymentVerified' | 'retrospectiveDueAt'
    >)[],
  now: Date,
  causes: IncidentCauses,
): EntityFacts {
  const since = changeFailureWindowStart(now).getTime();
  const deployedAt = (c: (typeof changes)[number]) =>
    c.deployed ? Date.parse(c.deployed.at) : NaN;
  const production = changes.filter(
    c => deployedAt(c) > since && deployedAt(c) <= now.getTime(),
  );
  const last = Math.max(...changes.map(deployedAt).filter(Number.isFinite));
  return entityFactsOf(
    {
      openChanges: changes.filter(isInFlight).length,
      overdueRetrospectives: changes.filter(c => isRetrospectiveOverdue(c, now))
        .length,
      productionChanges: production.length,
      failedChanges: production.filter(c => isFailedChange(c, causes)).length,
    },
    Number.isFinite(last) ? new Date(last) : undefined,
    now,
  );
}
