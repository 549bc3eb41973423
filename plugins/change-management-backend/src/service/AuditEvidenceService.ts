import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuditSample,
  Change,
  ChangeEvent,
  ChangeEvidence,
  ChangeSignature,
  pullRequestWarnings,
  ReaderWords,
  timeLabel,
} from '@trove/backstage-plugin-change-management-common';
import { ChangeStore } from '../database/ChangeStore';
import { DisplayNames } from './DisplayNames';
import { Caller, ChangeAccessService } from './ChangeAccessService';
import { AuditScope } from './AuditExceptionsService';
import { checkPeriod } from './ChangeLogService';
import { asOf } from './ChangeService';
import { Clock } from './Clock';
import { drawPositions, newSeed } from './sampleDraw';

/**
 * The auditor's sample: a reproducible random draw of the production
 * changes of a period (deployed in it, in any end state), each with its
 * evidence. The draw is made on positions in deploy order, numbered in
 * SQL, so the period is counted, never loaded.
 */
export class AuditEvidenceService {
  constructor(
    private readonly store: ChangeStore,
    private readonly access: ChangeAccessService,
    private readonly clock: Clock,
    private readonly catalog: CatalogService,
    /** The zone the packets' times are written in: the freeze calendar's. */
    private readonly timeZone: string,
  ) {}

  /**
   * One change's evidence, for its page: the same permission as the
   * sample (`change-management.audit.read`), and the change must be one
   * the caller may read; a change they may not read is not found.
   */
  async ofChange(id: string, actor: Caller): Promise<ChangeEvidence> {
    await this.access.authorizeAudit(actor.credentials);
    const found = await this.store.getChangeAndResource(id);
    if (!found) {
      throw new NotFoundError(`No change with id '${id}'`);
    }
    await this.access.authorizeRead(actor, found.resource);
    const events = await this.store.listEvents(id);
    return evidenceOf(asOf(found.change, this.clock.now()), events);
  }

  /**
   * How the packets of these changes name people and entities, looked up
   * in the catalog in one batch with the reader's credentials, and write
   * times: in the freeze calendar's zone, which each time names.
   */
  async words(items: ChangeEvidence[], actor: Caller): Promise<ReaderWords> {
    const names = new DisplayNames(this.catalog, actor.credentials);
    await names.load(items.flatMap(refsOfEvidence));
    return {
      name: names.nameOf,
      time: iso => timeLabel(iso, this.timeZone),
    };
  }

  async sample(
    query: AuditScope & { size: number; seed?: string },
    actor: Caller,
  ): Promise<AuditSample> {
    const { from, to } = checkPeriod(query);
    const { entityRef } = query;
    await this.access.authorizeAudit(actor.credentials);
    const permissionFilter = await this.access.readFilter(actor);
    const period = { from, to, entityRef, permissionFilter };
    const seed = query.seed ?? newSeed();
    const population = await this.store.countProduction(period);
    const positions = drawPositions(seed, population, query.size);
    const ids = positions.length
      ? await this.store.productionAt(period, positions)
      : [];
    const now = this.clock.now();
    const items = [];
    for (const id of ids) {
      const change = await this.store.getChange(id);
      const events = await this.store.listEvents(id);
      items.push(evidenceOf(asOf(change!, now), events));
    }
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      seed,
      entityRef,
      population,
      items,
    };
  }
}

/** Every user and entity ref a packet names. */
function refsOfEvidence({ change, events }: ChangeEvidence): string[] {
  return [
    change.createdBy,
    ...change.affectedEntityRefs,
    ...events.map(e => e.actor),
    ...change.exceptions.map(e => e.actor),
    ...[change.approved, change.postDeploymentReview].flatMap(s =>
      s ? [s.by] : [],
    ),
  ];
}

const lastOf = (events: ChangeEvent[], action: ChangeEvent['action']) =>
  events.filter(e => e.action === action).pop();

/** The SOP's controls, read from a change's record and its trail. */
export function evidenceOf(
  change: Change,
  events: ChangeEvent[],
): ChangeEvidence {
  const author = change.createdBy;
  const signed = (s?: ChangeSignature) =>
    s && { ...s, isAuthor: s.by === author };
  const duties = [change.reviewed, change.approved, change.signedOff];
  const waived = lastOf(events, 'waive-review');
  const staged = lastOf(events, 'record-staging');
  const { retrospective, deployed } = change;
  return {
    change,
    events,
    duties: {
      author,
      reviewed: signed(change.reviewed),
      reviewWaived: waived && {
        by: waived.actor,
        at: waived.at,
        reason: waived.comment ?? '',
      },
      approved: signed(change.approved),
      signedOff: signed(change.signedOff),
      separated: duties.every(s => !s || s.by !== author),
    },
    staging: {
      tested: change.stagingTested ?? '',
      recorded: staged && {
        by: staged.actor,
        at: staged.at,
        fields: staged.fields,
      },
    },
    deploy: deployed,
    verification: {
      result: change.postDeploymentVerified ?? '',
      verified: change.verified,
      issuesEncountered: change.issuesEncountered ?? '',
    },
    retrospective:
      change.type === 'emergency'
        ? {
            dueAt: change.retrospectiveDueAt,
            documented: retrospective && {
              by: retrospective.by,
              at: retrospective.at,
            },
            late: retrospective?.late ?? change.overdue,
            hoursAfterDeploy:
              retrospective && deployed
                ? Math.round(
                    (Date.parse(retrospective.at) - Date.parse(deployed.at)) /
                      360_000,
                  ) / 10
                : undefined,
            whatChanged: retrospective?.whatChanged ?? '',
            why: retrospective?.why ?? '',
            approvalReceived: retrospective?.approvalReceived ?? '',
          }
        : undefined,
    ...pullRequestEvidence(events),
  };
}

/**
 * Issue 20: the PR as each signature saw it, from the events that recorded
 * it; the deploy's against its own recorded commit.
 */
function pullRequestEvidence(events: ChangeEvent[]) {
  const seen = events.flatMap(e => {
    const snapshot = e.fields.pullRequest;
    if (!snapshot) return [];
    const deployedSha = e.action === 'deploy' ? e.fields.commitSha : undefined;
    return [
      {
        action: e.action,
        by: e.actor,
        at: e.at,
        snapshot,
        warnings: pullRequestWarnings(snapshot, deployedSha),
      },
    ];
  });
  return seen.length ? { pullRequest: seen } : {};
}
