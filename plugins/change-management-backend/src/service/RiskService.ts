import { Entity } from '@backstage/catalog-model';
import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  assessRisk,
  ChangeRisk,
  freezeWindowsBetween,
  plannedWindowOf,
  RiskFacts,
  RiskPreview,
  riskPreviewQuerySchema,
} from '@trove/backstage-plugin-change-management-common';
import { ChangeRiskFactor } from '@trove/backstage-plugin-change-management-node';
import { randomUUID } from 'node:crypto';
import { ChangeStore, StoredChange } from '../database/ChangeStore';
import { parseInput } from '../errors';
import { resolveAffectedEntities } from './affectedEntities';
import { blastRadius } from './blastRadius';
import { Caller } from './ChangeAccessService';
import { newDraft } from './changeRecord';
import { Clock } from './Clock';
import { ChangeManagementConfig } from './config';
import { LandscapeService } from './LandscapeService';

const DAY_MS = 86_400_000;
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
/** The history the risk reads: the change failure window of the metrics. */
export const RISK_HISTORY_DAYS = 90;

/**
 * The risk of a change (issue 24): gathers the facts (the catalog's blast
 * radius, the history from the metrics SQL, the landscape's warnings and
 * conflicts, the extension point's factors) and asks the one judge,
 * assessRisk of -common. Called when a change is raised, edited and
 * submitted; the answer is stored with the change and never recomputed on
 * a read. The catalog's graph is read with the plugin's own credentials:
 * the risk is the same whoever raises the change. Those reads go through
 * `graph`, the plugin's RecentEntities (a few seconds' reuse, as the
 * blackouts read the catalog), so a raise form's preview, its save and a
 * submit moments later do not read the same entities again; reads with the
 * caller's credentials go to the catalog itself.
 */
export class RiskService {
  constructor(
    private readonly store: ChangeStore,
    private readonly catalog: CatalogService,
    private readonly graph: Pick<CatalogService, 'getEntitiesByRefs'>,
    private readonly auth: AuthService,
    private readonly landscape: LandscapeService,
    private readonly config: ChangeManagementConfig,
    private readonly clock: Clock,
    private readonly logger: LoggerService,
    /** From changeRiskFactorsExtensionPoint. */
    private readonly factors: ChangeRiskFactor[],
  ) {}

  /** The assessment, or undefined when config `risk.enabled` is false. */
  async assess(
    change: StoredChange,
    actor: Caller,
    /** The affected entities as a raise or an edit just read them. */
    affectedEntities?: Entity[],
  ): Promise<ChangeRisk | undefined> {
    const { risk } = this.config;
    if (!risk.enabled) return undefined;
    const now = this.clock.now();
    const radius = await blastRadius(
      this.graph,
      await this.auth.getOwnServiceCredentials(),
      {
        entityRefs: change.affectedEntityRefs,
        depth: risk.depth,
        maxReads: risk.maxCatalogReads,
        criticalityAnnotation: risk.criticalityAnnotation,
        affectedEntities,
      },
    );
    const [history, timing, extra] = await Promise.all([
      this.history(change.affectedEntityRefs, now),
      this.timing(change, actor),
      this.extra(change, { ...radius, now }),
    ]);
    const facts: RiskFacts = {
      type: change.type,
      affected: radius.affected,
      dependents: radius.dependents,
      truncated: radius.truncated,
      history,
      ...timing,
      extra,
    };
    return assessRisk(facts, risk, now);
  }

  /**
   * `GET /risk`: the raise form's draft assessed exactly as a save would
   * assess it, and nothing written. The entities are checked as a save
   * checks them, with the caller's credentials.
   */
  async preview(query: unknown, actor: Caller): Promise<RiskPreview> {
    const request = parseInput(() => riskPreviewQuerySchema.parse(query));
    const entities = await resolveAffectedEntities(
      request.entityRef,
      this.catalog,
      actor.credentials,
      'entityRef',
    );
    const draft = newDraft({
      // The draft being edited keeps its id: its own window is no conflict.
      id: request.excludeId ?? randomUUID(),
      draft: {
        type: request.type,
        title: '',
        description: '',
        risks: '',
        testingNotes: '',
        pullRequestUrl: request.pullRequestUrl,
        plannedStart: request.plannedStart?.toISOString(),
        plannedEnd: request.plannedEnd?.toISOString(),
      },
      by: actor.userEntityRef,
      at: this.clock.now().toISOString(),
    });
    const risk = await this.assess(
      {
        ...draft,
        affectedEntityRefs: entities.map(e => e.entityRef),
        affectedSystemRefs: [
          ...new Set(entities.flatMap(e => (e.systemRef ? [e.systemRef] : []))),
        ],
      },
      actor,
    );
    return risk ? { risk } : {};
  }

  /**
   * Deployed, failed and score of the entities over the history period,
   * as GET /metrics counts them, from one grouped query for all of them.
   */
  private async history(entityRefs: string[], now: Date) {
    const totals = await this.store.deploymentTotalsOfEach({
      entityRefs,
      from: new Date(now.getTime() - RISK_HISTORY_DAYS * DAY_MS),
      to: now,
      now,
      weights: this.config.scoreWeights,
    });
    return {
      deployed: sum(totals.map(t => t.deployed)),
      failed: sum(totals.map(t => t.failed)),
      score: sum(totals.map(t => t.score)),
      days: RISK_HISTORY_DAYS,
    };
  }

  /** The landscape's verdicts on the planned window, if there is one. */
  private async timing(
    change: StoredChange,
    actor: Caller,
  ): Promise<
    Pick<
      RiskFacts,
      | 'conflicts'
      | 'inFreezeOrBlackout'
      | 'outsideWorkingHours'
      | 'daysBeforeFreeze'
    >
  > {
    const window = plannedWindowOf(change);
    if (!window) return { conflicts: 0 };
    const [warnings, conflicts] = await Promise.all([
      this.landscape.warningsOf(change),
      this.landscape.conflictsOf(change, actor),
    ]);
    const end = new Date(window.plannedEnd);
    const next = freezeWindowsBetween(
      end,
      new Date(end.getTime() + (this.config.risk.nearFreezeDays + 1) * DAY_MS),
      this.config.freeze,
    ).find(w => Date.parse(w.start) >= end.getTime());
    return {
      conflicts: conflicts.filter(c => c.id !== null).length,
      inFreezeOrBlackout: warnings.find(
        w => w.reason !== 'outside-working-hours',
      )?.message,
      outsideWorkingHours: warnings.find(
        w => w.reason === 'outside-working-hours',
      )?.message,
      daysBeforeFreeze: next
        ? Math.floor((Date.parse(next.start) - end.getTime()) / DAY_MS)
        : undefined,
    };
  }

  /** The extension point's factors; one that throws is logged and left out. */
  private async extra(
    change: StoredChange,
    ctx: Parameters<ChangeRiskFactor['assess']>[1],
  ) {
    const answers = await Promise.all(
      this.factors.map(async factor => {
        try {
          const answer = await factor.assess(change, ctx);
          return answer && { factor: factor.id, ...answer };
        } catch (error) {
          this.logger.warn(
            `Risk factor ${factor.id} failed and was left out: ${error}`,
          );
          return undefined;
        }
      }),
    );
    return answers.filter(<T>(a: T | undefined): a is T => a !== undefined);
  }
}
