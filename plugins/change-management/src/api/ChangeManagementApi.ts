import { createApiRef } from '@backstage/core-plugin-api';
import {
  ActionRequestInput,
  AuditCounts,
  AuditExceptionList,
  AuditExceptionsQueryInput,
  AuditVerification,
  ApiRequest,
  Calendar,
  ChainCheckpointList,
  ChangeDetail,
  ChangeDraftInput,
  ChangeEditInput,
  ChangeEventList,
  ChangeList,
  ChangePullRequest,
  ChangeState,
  ChangeType,
  ChangeView,
  EntityMetrics,
  ConflictList,
  MetricsOverview,
  EntitySummary,
  FreeSlot,
  FreezeStatus,
  Lockdown,
  LockdownDeclarationInput,
  LockdownList,
  QueueCounts,
  RiskPreview,
} from '@trove/backstage-plugin-change-management-common';

import { Attachment } from './attachment';

/** @public */
export interface ChangeListRequest {
  /** The entity, or for a System everything that is part of it. */
  entityRef?: string;
  states?: ChangeState[];
  type?: ChangeType;
  /** Only changes waiting for an action of the signed-in user. */
  needsActionByMe?: boolean;
  /** Only submitted changes that still wait on someone. */
  inFlight?: boolean;
  /** Only emergencies whose retrospective is past due. */
  overdue?: boolean;
  /** Only changes whose title contains this text, ignoring case. */
  search?: string;
  /** `due`: emergencies first, soonest due first (the queues' order). */
  order?: 'newest' | 'due';
  limit?: number;
  cursor?: string;
}

/**
 * What a change log holds: the changes a list shows, by its filters, and
 * of those only the ones raised in [from, to) when a period is given.
 *
 * @public
 */
export type ChangeLogRequest = Pick<
  ChangeListRequest,
  'entityRef' | 'states' | 'type' | 'search'
> & { from?: string; to?: string };

/**
 * A period [from, to) of ISO dates, optionally of one entity (a System with
 * its parts), as the audit routes' query reads it.
 *
 * @public
 */
export type AuditPeriod = Pick<
  AuditExceptionsQueryInput,
  'from' | 'to' | 'entityRef'
>;

/**
 * An entity's delivery figures over the period [from, to), ISO times.
 *
 * @public
 */
export interface EntityMetricsRequest {
  /** The entity, or for a System everything that is part of it. */
  entityRef: string;
  from: string;
  to: string;
}

/**
 * A planned window to check before it is saved: `excludeId` leaves out the
 * change being edited.
 *
 * @public
 */
export interface ConflictsRequest {
  entityRefs: string[];
  type: ChangeType;
  /** ISO time with a zone, inclusive. */
  plannedStart: string;
  /** ISO time with a zone, exclusive. */
  plannedEnd: string;
  excludeId?: string;
}

/**
 * A draft whose risk the server assesses before it is saved: the window is
 * optional (both or neither); `excludeId` is the draft being edited.
 *
 * @public
 */
export interface RiskPreviewRequest {
  entityRefs: string[];
  type: ChangeType;
  /** ISO time with a zone, inclusive. */
  plannedStart?: string;
  /** ISO time with a zone, exclusive. */
  plannedEnd?: string;
  pullRequestUrl?: string;
  excludeId?: string;
}

/**
 * What the next free slot is looked for: a window of `durationMinutes` no
 * earlier than `earliestStart` (ISO).
 *
 * @public
 */
export interface FreeSlotRequest {
  entityRefs: string[];
  type: ChangeType;
  durationMinutes: number;
  earliestStart: string;
  excludeId?: string;
}

/**
 * A calendar's period [from, to) of ISO times, optionally of one entity (a
 * System with its parts) and one type, as `GET /calendar` reads it.
 *
 * @public
 */
export type CalendarRequest = ApiRequest<'GetCalendar'>['query'];

/**
 * The change-management backend, as the frontend sees it. The bodies are
 * the shared contract of change-management-common.
 *
 * @public
 */
export interface ChangeManagementApi {
  listChanges(request: ChangeListRequest): Promise<ChangeList>;
  /** How many changes wait on the signed-in user, are in flight, are overdue. */
  countQueues(): Promise<QueueCounts>;
  /** The change, with whether and why it may deploy to production now. */
  getChange(id: string): Promise<ChangeDetail>;
  createChange(input: ChangeDraftInput): Promise<ChangeView>;
  /** Replaces a draft's fields, at the version the author last saw. */
  editChange(id: string, input: ChangeEditInput): Promise<ChangeView>;
  /** Takes a workflow action at the version the user last saw. */
  act(id: string, request: ActionRequestInput): Promise<ChangeView>;
  listEvents(id: string): Promise<ChangeEventList>;
  /** The linked pull request as last read, with its warnings (issue 20). */
  getPullRequest(id: string): Promise<ChangePullRequest>;
  /** Reads the linked pull request again. */
  refreshPullRequest(id: string): Promise<ChangePullRequest>;
  /** The freeze now; with an entity, also its blackouts (and its System's and Domain's). */
  getFreeze(options?: { entityRef?: string }): Promise<FreezeStatus>;
  /**
   * The change log, as a CSV file, of the changes a list's filters select,
   * raised in [from, to) when a period is given.
   */
  exportChangeLog(request: ChangeLogRequest): Promise<Attachment>;
  /** The exceptions of a period: waived reviews, self-approvals and the rest. */
  getAuditExceptions(period: AuditPeriod): Promise<AuditExceptionList>;
  /**
   * The period at a glance, counted by the server: changes by type,
   * production deploys and exceptions by kind.
   */
  getAuditCounts(period: AuditPeriod): Promise<AuditCounts>;
  /**
   * A reproducible sample of the period's production changes (of the
   * System, if one is given) with their evidence, zipped.
   */
  downloadAuditSample(
    request: AuditPeriod & { size: number; seed: string },
  ): Promise<Attachment>;
  /**
   * One change's evidence packet as a printable page (HTML), the one the
   * sample's zip holds, to open in a tab.
   */
  getAuditEvidencePage(id: string): Promise<Blob>;
  /** Re-computes the hash chain and checks every change against its events. */
  verifyAuditTrail(): Promise<AuditVerification>;
  /** The chain heads recorded each night, newest first. */
  listChainCheckpoints(): Promise<ChainCheckpointList>;
  /**
   * One entity's change debt (for a System, with its parts): in flight,
   * overdue retrospectives, the last production change.
   */
  getSummary(entityRef: string): Promise<EntitySummary>;
  /**
   * One entity's delivery figures over a period (for a System, with its
   * parts): deployments per week, lead time, change failure rate, recovery
   * time, emergencies and the change success score.
   */
  getEntityMetrics(request: EntityMetricsRequest): Promise<EntityMetrics>;

  // Planned windows: conflicts and the next free slot (issue 21).
  /**
   * What a planned window of a change collides with (open changes near
   * its entities; for a standard or infrastructure change the freeze and
   * blackouts), and its warnings, before the change is saved.
   */
  listConflicts(request: ConflictsRequest): Promise<ConflictList>;
  /**
   * The risk a save of the draft would store (issue 24), assessed by the
   * server and written nowhere; no `risk` when the risk is off.
   */
  previewRisk(request: RiskPreviewRequest): Promise<RiskPreview>;
  /**
   * The earliest window of the duration, from the earliest start, with no
   * conflict, within 90 days; or why there is none.
   */
  findFreeSlot(request: FreeSlotRequest): Promise<FreeSlot>;
  /**
   * What a calendar shows of a period: the freeze and blackout windows, and
   * the planned and deployed changes, in one request.
   */
  getCalendar(request: CalendarRequest): Promise<Calendar>;
  /**
   * Every System's delivery figures and every owning group's score over
   * the period [from, to), ISO times: the CTO's overview.
   */
  getMetricsOverview(period: {
    from: string;
    to: string;
  }): Promise<MetricsOverview>;
  /**
   * Issue 24: the CTO's lockdowns; `active` keeps those in force now,
   * `entityRef` those covering it (everything, its System, its Domain).
   */
  listLockdowns(request: {
    active?: boolean;
    entityRef?: string;
  }): Promise<LockdownList>;
  /** Declares a lockdown; the server refuses anyone but the CTO. */
  declareLockdown(declaration: LockdownDeclarationInput): Promise<Lockdown>;
  /** Lifts a lockdown now; the server refuses anyone but the CTO. */
  liftLockdown(id: string): Promise<Lockdown>;
}

/** @public */
export const changeManagementApiRef = createApiRef<ChangeManagementApi>({
  id: 'plugin.change-management.api',
});
