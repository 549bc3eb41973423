import { z } from 'zod';
import { isoTime } from '../fields';
import type { ChangeType } from '../enums';

/**
 * The risk of a change (issue 24): one judge turns the facts the backend
 * gathered (the catalog's blast radius, the history, the timing, the type
 * and any extra factors) and the configured weights into a level, a score
 * and the reasons in words. Pure: the backend gathers, this decides.
 */

/** @public */
export const riskLevelSchema = z.enum(['low', 'medium', 'high']);

/** @public */
export type RiskLevel = z.infer<typeof riskLevelSchema>;

/** @public */
export const riskReasonSchema = z
  .object({
    factor: z
      .string()
      .describe(
        'Which factor: blast-radius, criticality, lifecycle, history-failures, history-score, conflicts, freeze, near-freeze, working-hours, type, or an extra factor id.',
      ),
    points: z.number().describe('What it adds to the score.'),
    message: z.string().describe('The reason in a sentence.'),
  })
  .strict();

/** @public */
export type RiskReason = z.infer<typeof riskReasonSchema>;

/** @public */
export const changeRiskSchema = z
  .object({
    level: riskLevelSchema,
    score: z.number().describe('The sum of the reasons points.'),
    reasons: z.array(riskReasonSchema).describe('Highest points first.'),
    assessedAt: isoTime('When the server assessed it, ISO 8601.'),
  })
  .strict()
  .describe(
    'The risk as assessed when the change was raised, last edited or submitted; never recomputed on read.',
  );

/** @public */
export type ChangeRisk = z.infer<typeof changeRiskSchema>;

/**
 * The weights and thresholds, from config `changeManagement.risk`.
 *
 * @public
 */
export interface RiskConfig {
  enabled: boolean;
  /** How many dependsOn/dependencyOf hops the blast radius follows. */
  depth: number;
  /** At most this many catalog reads (one per hop) per assessment. */
  maxCatalogReads: number;
  /** The annotation that names an entity's criticality. */
  criticalityAnnotation: string;
  /** Planned this many days or fewer before a freeze counts. */
  nearFreezeDays: number;
  thresholds: { medium: number; high: number };
  weights: {
    /** Per dependent entity, up to `dependentsMax`. */
    perDependent: number;
    dependentsMax: number;
    /** Per System the dependents span beyond the first. */
    perExtraSystem: number;
    /** Per owning group the dependents span beyond the first. */
    perExtraTeam: number;
    /** Per affected or dependent entity whose criticality is `high` or `critical`. */
    critical: number;
    /** Per affected entity in `production` lifecycle. */
    production: number;
    /** Per failed change of the affected entities over the history period. */
    perFailure: number;
    /** When their change success score over the period is negative. */
    negativeScore: number;
    perConflict: number;
    inFreeze: number;
    nearFreeze: number;
    outsideWorkingHours: number;
    emergency: number;
    infrastructure: number;
  };
}

/** The documented defaults (README, config.d.ts). @public */
export const DEFAULT_RISK_CONFIG: RiskConfig = {
  enabled: true,
  depth: 3,
  maxCatalogReads: 10,
  criticalityAnnotation: 'trove.io/criticality',
  nearFreezeDays: 7,
  thresholds: { medium: 10, high: 25 },
  weights: {
    perDependent: 1,
    dependentsMax: 15,
    perExtraSystem: 2,
    perExtraTeam: 2,
    critical: 5,
    production: 2,
    perFailure: 3,
    negativeScore: 3,
    perConflict: 2,
    inFreeze: 10,
    nearFreeze: 4,
    outsideWorkingHours: 3,
    emergency: 8,
    infrastructure: 5,
  },
};

/** One entity the assessment read from the catalog. @public */
export interface RiskEntity {
  entityRef: string;
  /** Absent when the catalog does not know it. */
  missing?: boolean;
  lifecycle?: string;
  criticality?: string;
  systemRef?: string;
  ownerRef?: string;
}

/** What the backend gathered about a change. @public */
export interface RiskFacts {
  type: ChangeType;
  affected: RiskEntity[];
  /** The entities that depend on the affected ones, up to the depth. */
  dependents: RiskEntity[];
  /** The walk stopped at the configured depth or read limit. */
  truncated: boolean;
  /** Over the history period, of the affected entities. */
  history: { deployed: number; failed: number; score: number; days: number };
  conflicts: number;
  inFreezeOrBlackout?: string;
  outsideWorkingHours?: string;
  /** Whole days from the planned end to the next freeze, if within reach. */
  daysBeforeFreeze?: number;
  /** Reasons of the extension point's factors, already in words. */
  extra: RiskReason[];
}

const CRITICAL = ['high', 'critical'];
const plural = (n: number, one: string, many = `${one}s`) =>
  `${n} ${n === 1 ? one : many}`;
const nameOf = (ref: string) => ref.replace(/^[^:]+:(default\/)?/, '');

function count<T>(items: T[], key: (item: T) => string | undefined): number {
  return new Set(items.map(key).filter(Boolean)).size;
}

/**
 * The risk of a change from its facts, under the configured weights.
 *
 * @public
 */
export function assessRisk(
  facts: RiskFacts,
  config: RiskConfig,
  now: Date,
): ChangeRisk {
  const w = config.weights;
  const reasons: RiskReason[] = [];
  const add = (factor: string, points: number, message: string) => {
    if (points > 0) reasons.push({ factor, points, message });
  };

  const { affected, dependents } = facts;
  const known = dependents.filter(d => !d.missing);
  if (known.length) {
    const systems = count(known, d => d.systemRef);
    const teams = count(known, d => d.ownerRef);
    const targets = affected.map(a => nameOf(a.entityRef)).join(', ');
    add(
      'blast-radius',
      Math.min(known.length, w.dependentsMax) * w.perDependent +
        Math.max(0, systems - 1) * w.perExtraSystem +
        Math.max(0, teams - 1) * w.perExtraTeam,
      `${plural(known.length, 'entity', 'entities')} ${
        known.length === 1 ? 'depends' : 'depend'
      } on ${targets} (${plural(systems, 'System')}, ${plural(teams, 'team')})${
        facts.truncated ? ', counted up to the configured depth' : ''
      }`,
    );
  }
  const critical = [...affected, ...known].filter(e =>
    CRITICAL.includes(e.criticality ?? ''),
  );
  add(
    'criticality',
    critical.length * w.critical,
    `${critical.map(e => nameOf(e.entityRef)).join(', ')} ${
      critical.length === 1 ? 'is' : 'are'
    } marked critical`,
  );
  const production = affected.filter(e => e.lifecycle === 'production');
  add(
    'lifecycle',
    production.length * w.production,
    `${production.map(e => nameOf(e.entityRef)).join(', ')} ${
      production.length === 1 ? 'is' : 'are'
    } in production`,
  );
  const missing = affected.filter(e => e.missing);
  if (missing.length) {
    reasons.push({
      factor: 'catalog',
      points: 0,
      message: `${missing
        .map(e => e.entityRef)
        .join(', ')} not found in the catalog: its dependents are unknown`,
    });
  }

  const { history } = facts;
  add(
    'history-failures',
    history.failed * w.perFailure,
    `${history.failed} of the last ${plural(
      history.deployed,
      'change',
    )} to ${affected.map(a => nameOf(a.entityRef)).join(', ')} failed (${
      history.days
    } days)`,
  );
  add(
    'history-score',
    history.score < 0 ? w.negativeScore : 0,
    `Their change success score over ${history.days} days is ${history.score}`,
  );

  add(
    'conflicts',
    facts.conflicts * w.perConflict,
    `${plural(facts.conflicts, 'open change')} collide${
      facts.conflicts === 1 ? 's' : ''
    } with the planned window`,
  );
  if (facts.inFreezeOrBlackout) {
    add('freeze', w.inFreeze, facts.inFreezeOrBlackout);
  } else if (
    facts.daysBeforeFreeze !== undefined &&
    facts.daysBeforeFreeze <= config.nearFreezeDays
  ) {
    add(
      'near-freeze',
      w.nearFreeze,
      `Planned ${plural(facts.daysBeforeFreeze, 'day')} before the freeze`,
    );
  }
  if (facts.outsideWorkingHours) {
    add('working-hours', w.outsideWorkingHours, facts.outsideWorkingHours);
  }
  if (facts.type === 'emergency') {
    add('type', w.emergency, 'An emergency change');
  } else if (facts.type === 'infrastructure') {
    add('type', w.infrastructure, 'An infrastructure change');
  }
  reasons.push(...facts.extra.filter(r => r.points !== 0 || r.message));

  const score = reasons.reduce((sum, r) => sum + r.points, 0);
  let level: RiskLevel = 'low';
  if (score >= config.thresholds.high) level = 'high';
  else if (score >= config.thresholds.medium) level = 'medium';
  return {
    level,
    score,
    reasons: reasons.sort((a, b) => b.points - a.points),
    assessedAt: now.toISOString(),
  };
}
