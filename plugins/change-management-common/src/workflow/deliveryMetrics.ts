import type { EntityMetrics } from '../responses';
import { Change, CHANGE_TYPES } from '../types';
import {
  changeFailureRate,
  IncidentCauses,
  isFailedChange,
  ROLLED_BACK_STATES,
} from './changeFailure';
import { changeScore, ScoreWeights } from './changeScore';

// Issue 21, metrics: what each figure of `GET /metrics` means, asked of the
// changes in memory. The server computes them in SQL (the backend's
// database/metricsQuery.ts); tests/metricsQuery.test.ts runs both on
// SQLite and PostgreSQL and compares them.

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** A change as the figures read it, with its first submit from its events. @public */
export type MetricsChange = Pick<
  Change,
  | 'id'
  | 'type'
  | 'state'
  | 'deployed'
  | 'postDeploymentVerified'
  | 'issuesEncountered'
  | 'retrospectiveDueAt'
  | 'retrospective'
  | 'affectedEntityRefs'
  | 'affectedSystemRefs'
> & {
  /** The first `submit` event's time: when it was first put forward. */
  submittedAt?: string;
};

const deployedAt = (change: Pick<Change, 'deployed'>) =>
  change.deployed ? Date.parse(change.deployed.at) : NaN;

/**
 * Lead time for changes: hours from the first submit to the production
 * deploy. The first, because the time a change spent sent back for rework
 * is part of its wait.
 *
 * @public
 */
export function leadTimeHours(change: MetricsChange): number | undefined {
  if (!change.deployed || !change.submittedAt) return undefined;
  return (deployedAt(change) - Date.parse(change.submittedAt)) / HOUR_MS;
}

/** A deploy that restores an entity: verified "Yes" and not rolled back. @public */
export function isRecoveringDeploy(
  change: Pick<Change, 'state' | 'deployed' | 'postDeploymentVerified'>,
): boolean {
  return (
    !!change.deployed &&
    change.postDeploymentVerified === 'yes' &&
    !ROLLED_BACK_STATES.includes(change.state)
  );
}

/**
 * Failed-deployment recovery time: hours from a failed change's deploy to
 * the next recovering deploy ({@link isRecoveringDeploy}) of a change that
 * affects one of the same entities; undefined while none has followed.
 *
 * @public
 */
export function recoveryHours(
  failed: MetricsChange,
  changes: MetricsChange[],
): number | undefined {
  const at = deployedAt(failed);
  const next = Math.min(
    ...changes
      .filter(
        c =>
          isRecoveringDeploy(c) &&
          deployedAt(c) > at &&
          c.affectedEntityRefs.some(ref =>
            failed.affectedEntityRefs.includes(ref),
          ),
      )
      .map(deployedAt),
  );
  return Number.isFinite(next) ? (next - at) / HOUR_MS : undefined;
}

/**
 * An emergency's retrospective as the period counts it: due once its due
 * time has passed or it is documented; on time when documented and not late.
 *
 * @public
 */
export function retrospectiveStatus(
  change: Pick<Change, 'type' | 'retrospectiveDueAt' | 'retrospective'>,
  now: Date,
): { due: boolean; onTime: boolean } {
  const due =
    change.type === 'emergency' &&
    !!change.retrospectiveDueAt &&
    (!!change.retrospective ||
      Date.parse(change.retrospectiveDueAt) <= now.getTime());
  return {
    due,
    onTime: due && !!change.retrospective && !change.retrospective.late,
  };
}

/**
 * The value at `p` (0 to 1) of the values: linear interpolation between the
 * closest ranks, as PostgreSQL's `percentile_cont`; null for none.
 *
 * @public
 */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = p * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
}

/** The Monday (UTC) of a time's week, yyyy-mm-dd. @public */
export function weekStartOf(time: Date): string {
  const day = new Date(
    Date.UTC(time.getUTCFullYear(), time.getUTCMonth(), time.getUTCDate()),
  );
  // getUTCDay: Sunday is 0; Monday starts the week.
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - sinceMonday * DAY_MS)
    .toISOString()
    .slice(0, 10);
}

/** Every week that [from, to) touches, by its Monday, oldest first. @public */
export function periodWeeks(from: Date, to: Date): string[] {
  const weeks: string[] = [];
  const last = weekStartOf(new Date(to.getTime() - 1));
  for (
    let week = weekStartOf(from);
    week <= last;
    week = new Date(Date.parse(week) + 7 * DAY_MS).toISOString().slice(0, 10)
  ) {
    weeks.push(week);
  }
  return weeks;
}

/**
 * Deployment frequency over [from, to): deployments per week, the period's
 * weeks counted as its days over 7 (a 30-day period is 4.3 weeks).
 *
 * @public
 */
export function deploymentsPerWeek(total: number, from: Date, to: Date) {
  return total / ((to.getTime() - from.getTime()) / (7 * DAY_MS));
}

/** What the figures are asked of. @public */
export interface MetricsInput {
  /** Every change the reader may see: recovery looks beyond the entity. */
  changes: MetricsChange[];
  /** Named as causes by emergencies anywhere ({@link incidentCauses}). */
  causes: IncidentCauses;
  /** The entity, or a System with its parts. */
  entityRef: string;
  from: Date;
  to: Date;
  /** The time retrospectives fall due by. */
  now: Date;
  weights: ScoreWeights;
}

/**
 * An entity's figures over [from, to), the changes counted being those
 * deployed to production in the period. The answer of `GET /metrics`.
 *
 * @public
 */
export function deliveryMetrics(input: MetricsInput): EntityMetrics {
  const { changes, causes, entityRef, from, to, now, weights } = input;
  const deployed = changes.filter(
    c =>
      (c.affectedEntityRefs.includes(entityRef) ||
        c.affectedSystemRefs.includes(entityRef)) &&
      deployedAt(c) >= from.getTime() &&
      deployedAt(c) < to.getTime(),
  );
  const ofType = (list: MetricsChange[]) =>
    Object.fromEntries(
      CHANGE_TYPES.map(type => [
        type,
        list.filter(c => c.type === type).length,
      ]),
    ) as EntityMetrics['deployments']['byType'];
  const weeks = periodWeeks(from, to).map(weekStart => ({
    weekStart,
    changes: deployed.filter(
      c => weekStartOf(new Date(deployedAt(c))) === weekStart,
    ),
  }));
  const score = (list: MetricsChange[]) =>
    list.reduce((sum, c) => sum + changeScore(c, causes, weights), 0);
  const failed = deployed.filter(c => isFailedChange(c, causes));
  const leadTimes = deployed.flatMap(c => leadTimeHours(c) ?? []);
  const recoveries = failed.flatMap(c => recoveryHours(c, changes) ?? []);
  const emergencies = deployed.filter(c => c.type === 'emergency');
  const retrospectives = emergencies.map(c => retrospectiveStatus(c, now));
  return {
    entityRef,
    from: from.toISOString(),
    to: to.toISOString(),
    deployments: {
      total: deployed.length,
      byType: ofType(deployed),
      perWeek: weeks.map(w => ({
        weekStart: w.weekStart,
        ...ofType(w.changes),
      })),
    },
    leadTimeHours: {
      count: leadTimes.length,
      median: percentile(leadTimes, 0.5),
      p90: percentile(leadTimes, 0.9),
    },
    changeFailureRate: {
      deployed: deployed.length,
      failed: failed.length,
      rate: changeFailureRate(failed.length, deployed.length) ?? null,
    },
    recoveryHours: {
      count: recoveries.length,
      median: percentile(recoveries, 0.5),
    },
    emergencies: {
      count: emergencies.length,
      share: deployed.length ? emergencies.length / deployed.length : null,
      retrospectives: {
        due: retrospectives.filter(r => r.due).length,
        onTime: retrospectives.filter(r => r.onTime).length,
      },
    },
    score: {
      total: score(deployed),
      perWeek: weeks.map(w => ({
        weekStart: w.weekStart,
        score: score(w.changes),
      })),
    },
  };
}
