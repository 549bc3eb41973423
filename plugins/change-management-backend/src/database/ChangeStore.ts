import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { OutboxMessage } from './OutboxStore';
import {
  ChangeFilter,
  ChangeResource,
} from '@trove/backstage-plugin-change-management-node';
import {
  AuditException,
  Change,
  ChangeEvent,
  ChangeState,
  ChangeType,
  Actor,
  EntityFacts,
  EntityMetrics,
  MetricsOverview,
  PullRequestSnapshot,
  ScoreWeights,
  SentBack,
} from '@trove/backstage-plugin-change-management-common';
import type {
  Calendar,
  CalendarDay,
  Conflict,
} from '@trove/backstage-plugin-change-management-common';
import type { ConflictsQuery } from './conflictsQuery';
import type { CalendarQuery } from './calendarQuery';

export type { ChangeEvent };
export type { ConflictsQuery } from './conflictsQuery';
export type { CalendarQuery } from './calendarQuery';

/** The filters of an export: those of a list, without paging. */
export type ExportQuery = Pick<
  ChangeListFilters,
  | 'createdFrom'
  | 'createdTo'
  | 'entityRef'
  | 'states'
  | 'type'
  | 'titleContains'
  | 'permissionFilter'
>;

/** A change as stored; `overdue` depends on the clock and is added on read. */
/** An entity's deployed changes over a period, failed ones, and their score. */
export type DeploymentTotals = {
  entityRef: string;
  /** `changeFailureRate.deployed` of its metrics. */
  deployed: number;
  /** `changeFailureRate.failed` of its metrics. */
  failed: number;
  /** `score.total` of its metrics. */
  score: number;
};

export type StoredChange = Omit<Change, 'overdue'>;

/**
 * A change as the change log shows it: the record without the free text
 * and the steps the log leaves out, so the export reads only what it writes.
 */
export type ExportedChange = Omit<
  StoredChange,
  | 'version'
  | 'risks'
  | 'testingNotes'
  | 'pullRequestUrl'
  | 'proposedFix'
  | 'updatedAt'
  | 'postDeploymentReview'
> & {
  /** Issue 20: the pull request as the (last) deploy event recorded it. */
  pullRequestAtDeploy?: PullRequestSnapshot;
};

/** A change in a list: a draft sent back also says why. */
export type ListedChange = StoredChange & { sentBack?: SentBack };

/** An affected entity, with its System and owner when recorded. */
export interface AffectedEntity {
  entityRef: string;
  systemRef?: string;
  ownerRef?: string;
}

/**
 * An event to append to the audit trail; the store gives it its id, its
 * place in the chain and its hashes. Its fields are what the workflow says
 * the action recorded (`ActionOutcome.eventFields`).
 */
export type NewChangeEvent = Pick<
  ChangeEvent,
  'action' | 'fromState' | 'toState' | 'actor' | 'comment'
> & {
  at: Date;
  fields: Record<string, unknown>;
};

/** A period of the audit, with the reader's permission filter. */
export interface AuditQuery {
  from: Date;
  to: Date;
  /** One entity's changes; for a System, its parts' too. */
  entityRef?: string;
  permissionFilter?: PermissionCriteria<ChangeFilter>;
}

/** The entities whose figures are asked, at a time, for a reader. */
export interface EntityFactsQuery {
  /** Each entity; a System counts its parts too. */
  entityRefs: string[];
  now: Date;
  permissionFilter?: PermissionCriteria<ChangeFilter>;
}

/** Issue 21: one entity's figures over [from, to), for a reader. */
export interface MetricsQuery {
  /** The entity; a System counts its parts too. */
  entityRef: string;
  from: Date;
  to: Date;
  /** The time retrospectives fall due by. */
  now: Date;
  weights: ScoreWeights;
  permissionFilter?: PermissionCriteria<ChangeFilter>;
}

/** Issue 21: every System's and owning group's figures, for a reader. */
export interface MetricsOverviewQuery extends Omit<MetricsQuery, 'entityRef'> {
  /** Whether the reader may read the audit, whose exceptions are counted. */
  withExceptions: boolean;
}

/** Newest first, or the queues' order: emergencies first (listOrder.ts). */
export type ListOrder = 'newest' | 'due';

export interface ChangeListFilters {
  /** A System matches every change to it or to anything that is part of it. */
  entityRef?: string;
  states?: ChangeState[];
  type?: ChangeType;
  createdBy?: string;
  /** Changes that wait on this user (the workflow's WAITING_RULES). */
  waitingOn?: Actor;
  /**
   * Config `changeManagement.allowSelfApproval`, which decides whether a
   * holder of the CTO role may review with nobody else to approve
   * (`reviewLeavesAnApprover`); off when left out.
   */
  allowSelfApproval?: boolean;
  /** Submitted changes that still wait on someone. */
  inFlight?: boolean;
  /** Emergencies whose retrospective was due at or before this time. */
  overdueAt?: Date;
  /** Raised in [from, to). */
  createdFrom?: Date;
  createdTo?: Date;
  /** The permission policy's conditions on reading, as a filter. */
  permissionFilter?: PermissionCriteria<ChangeFilter>;
  /** Text the title contains, ignoring case. */
  titleContains?: string;
  /** The change's pull request URL, exactly. */
  pullRequestUrl?: string;
  /** A commit its recorded deploy names, in full or by its start. */
  commitSha?: string;
}

export interface ChangeListQuery extends ChangeListFilters {
  order?: ListOrder;
  limit: number;
  cursor?: string;
}

/**
 * The side effects of an event, from the change as written, for the outbox:
 * written in the event's transaction and delivered after its commit.
 */
export type SideEffects = (written: StoredChange) => OutboxMessage[];

export interface ChangeStore {
  /** Inserts a change, its affected entities and its first event. */
  createChange(options: {
    change: StoredChange;
    entities: AffectedEntity[];
    event: NewChangeEvent;
    effects?: SideEffects;
  }): Promise<StoredChange>;

  getChange(id: string): Promise<StoredChange | undefined>;

  /** A change and what permission rules see of it, from one read. */
  getChangeAndResource(
    id: string,
  ): Promise<{ change: StoredChange; resource: ChangeResource } | undefined>;

  /** What permission rules see of each change, in the order of the ids. */
  getPermissionResources(
    ids: string[],
  ): Promise<(ChangeResource | undefined)[]>;

  /** In the order asked for (newest first by default), keyset-paged. */
  listChanges(
    query: ChangeListQuery,
  ): Promise<{ items: ListedChange[]; nextCursor?: string }>;

  /** How many changes match the filters. */
  countChanges(filters: ChangeListFilters): Promise<number>;

  /** Of the changes that match, the one most recently deployed to production. */
  lastDeployedChange(
    filters: ChangeListFilters,
  ): Promise<StoredChange | undefined>;

  /** The figures of each entity (entityFacts of -common), in query order. */
  entityFacts(query: EntityFactsQuery): Promise<EntityFacts[]>;

  /** One entity's figures over a period (deliveryMetrics of -common). */
  metrics(query: MetricsQuery): Promise<EntityMetrics>;

  /**
   * Judges again the changes writes have marked for the metrics' rollups
   * (a read does so too); returns how many.
   */
  refreshMetricRollups(
    onProgress?: (done: number, total: number) => void,
  ): Promise<number>;

  /**
   * Each entity's deployed, failed and score over a period, as `metrics`
   * counts them, in query order, from one grouped query (issue 24's risk).
   */
  deploymentTotalsOfEach(
    query: Omit<MetricsQuery, 'entityRef'> & { entityRefs: string[] },
  ): Promise<DeploymentTotals[]>;

  /** Every System's figures and every owning group's score over a period. */
  metricsOverview(query: MetricsOverviewQuery): Promise<MetricsOverview>;

  /**
   * Replaces a change with its next version and appends its event and its
   * side effects, in one transaction, if the stored version is still
   * `expectedVersion`; otherwise throws a StaleVersionError and writes
   * nothing.
   */
  updateChange(options: {
    change: StoredChange;
    expectedVersion: number;
    entities?: AffectedEntity[];
    event: NewChangeEvent;
    effects?: SideEffects;
  }): Promise<StoredChange>;

  /** The change's events, oldest first. */
  listEvents(changeId: string): Promise<ChangeEvent[]>;

  /**
   * The open changes whose planned window overlaps, near the entities
   * (conflictsQuery.ts); the change landscape, issue 21.
   */
  findConflicts(query: ConflictsQuery): Promise<Conflict[]>;

  /** The changes planned or deployed in a period (calendarQuery.ts). */
  calendarChanges(query: CalendarQuery): Promise<Calendar['changes']>;

  /** The deploys of a period per UTC day and type (calendarDaysQuery.ts). */
  calendarDays(query: CalendarQuery): Promise<CalendarDay[]>;

  /** The changes of an export, oldest first, a batch at a time. */
  exportChanges(query: ExportQuery): AsyncIterable<ExportedChange[]>;

  /** The exceptions of a period, oldest first. */
  listAuditExceptions(
    query: AuditQuery & { now: Date },
  ): Promise<AuditException[]>;

  /** How many changes were deployed to production in the period. */
  countProduction(query: AuditQuery): Promise<number>;

  /** How many changes of each type were raised in the period. */
  countByType(query: AuditQuery): Promise<Partial<Record<ChangeType, number>>>;

  /** The ids at these 0-based positions of the period's deploy order. */
  productionAt(query: AuditQuery, positions: number[]): Promise<string[]>;
}
