import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ActionRequestInput,
  ApiOperation,
  ApiRequest,
  ApiResponse,
  apiRoutes,
  AuditCounts,
  AuditExceptionList,
  AuditVerification,
  Calendar,
  ChainCheckpointList,
  ChangeDetail,
  ChangeDraftInput,
  ChangeEditInput,
  ChangeEventList,
  ChangeList,
  ChangePullRequest,
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
import {
  AuditPeriod,
  CalendarRequest,
  ChangeListRequest,
  ChangeLogRequest,
  ChangeManagementApi,
  EntityMetricsRequest,
  ConflictsRequest,
  FreeSlotRequest,
  RiskPreviewRequest,
} from './ChangeManagementApi';
import { Attachment, attachmentOf } from './attachment';

/** A query string of the parameters that are set, in their order. */
function queryString(query: object) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) search.set(name, String(value));
  }
  return search.toString();
}

/** The request's arguments: none where the route reads nothing. */
type Args<Op extends ApiOperation> = {} extends ApiRequest<Op>
  ? [request?: ApiRequest<Op>]
  : [request: ApiRequest<Op>];

/**
 * Talks to the change-management backend with the signed-in user's token.
 * Each call names its operation in the shared route table of
 * change-management-common, whose schemas type what it sends and what it
 * gets back, as they type the server's OpenAPI document.
 *
 * @public
 */
export class ChangeManagementClient implements ChangeManagementApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async listChanges(request: ChangeListRequest): Promise<ChangeList> {
    return this.json('ListChanges', {
      query: {
        entityRef: request.entityRef || undefined,
        state: request.states?.length ? request.states.join(',') : undefined,
        type: request.type,
        needsActionBy: request.needsActionByMe ? 'me' : undefined,
        inFlight: request.inFlight ? 'true' : undefined,
        overdue: request.overdue ? 'true' : undefined,
        q: request.search || undefined,
        order: request.order,
        limit: request.limit || undefined,
        cursor: request.cursor || undefined,
      },
    });
  }

  async countQueues(): Promise<QueueCounts> {
    return this.json('CountQueues');
  }

  async getChange(id: string): Promise<ChangeDetail> {
    return this.json('GetChange', { params: { id } });
  }

  async createChange(input: ChangeDraftInput): Promise<ChangeView> {
    return this.json('CreateChange', { body: input });
  }

  async editChange(id: string, input: ChangeEditInput): Promise<ChangeView> {
    return this.json('EditChange', { params: { id }, body: input });
  }

  async act(id: string, request: ActionRequestInput): Promise<ChangeView> {
    return this.json('ActOnChange', { params: { id }, body: request });
  }

  async listEvents(id: string): Promise<ChangeEventList> {
    return this.json('ListChangeEvents', { params: { id } });
  }

  async getPullRequest(id: string): Promise<ChangePullRequest> {
    return this.json('GetChangePullRequest', { params: { id } });
  }

  async refreshPullRequest(id: string): Promise<ChangePullRequest> {
    return this.json('RefreshChangePullRequest', { params: { id } });
  }

  async getFreeze(options?: { entityRef?: string }): Promise<FreezeStatus> {
    return this.json('GetFreeze', {
      query: { entityRef: options?.entityRef || undefined },
    });
  }

  async exportChangeLog(request: ChangeLogRequest): Promise<Attachment> {
    // The list's filters, named as GET /changes names them (docs/api.md).
    const query = {
      from: request.from,
      to: request.to,
      entityRef: request.entityRef || undefined,
      state: request.states?.length ? request.states.join(',') : undefined,
      type: request.type,
      q: request.search || undefined,
      format: 'csv' as const,
    };
    return attachmentOf(await this.fetch('ExportChangeLog', { query }));
  }

  async getSummary(entityRef: string): Promise<EntitySummary> {
    return this.json('GetEntitySummary', { query: { entityRef } });
  }

  async getEntityMetrics(
    request: EntityMetricsRequest,
  ): Promise<EntityMetrics> {
    const { entityRef, from, to } = request;
    return this.json('GetEntityMetrics', { query: { entityRef, from, to } });
  }

  async getMetricsOverview(period: {
    from: string;
    to: string;
  }): Promise<MetricsOverview> {
    const { from, to } = period;
    return this.json('GetMetricsOverview', { query: { from, to } });
  }

  async getAuditExceptions(period: AuditPeriod): Promise<AuditExceptionList> {
    const { from, to, entityRef } = period;
    return this.json('ListAuditExceptions', { query: { from, to, entityRef } });
  }

  async getAuditCounts(period: AuditPeriod): Promise<AuditCounts> {
    const { from, to, entityRef } = period;
    return this.json('CountAudit', { query: { from, to, entityRef } });
  }

  async downloadAuditSample(
    request: AuditPeriod & { size: number; seed: string },
  ): Promise<Attachment> {
    const { from, to, entityRef, size, seed } = request;
    const query = { from, to, entityRef, size, seed, format: 'zip' as const };
    return attachmentOf(await this.fetch('SampleAuditEvidence', { query }));
  }

  async getAuditEvidencePage(id: string): Promise<Blob> {
    const query = { format: 'html' as const };
    const page = await this.fetch('GetAuditEvidence', {
      params: { id },
      query,
    });
    return page.blob();
  }

  async verifyAuditTrail(): Promise<AuditVerification> {
    return this.json('VerifyAuditTrail');
  }

  async listChainCheckpoints(): Promise<ChainCheckpointList> {
    return this.json('ListChainCheckpoints');
  }

  // Planned windows: conflicts and the next free slot (issue 21).
  async listConflicts(request: ConflictsRequest): Promise<ConflictList> {
    const { entityRefs, type, plannedStart, plannedEnd, excludeId } = request;
    return this.json('ListConflicts', {
      query: {
        // Refs separated by commas, as the route reads them (docs/api.md).
        entityRef: entityRefs.join(','),
        plannedStart,
        plannedEnd,
        type,
        excludeId,
      },
    });
  }

  async previewRisk(request: RiskPreviewRequest): Promise<RiskPreview> {
    const { entityRefs, ...rest } = request;
    return this.json('PreviewRisk', {
      query: { entityRef: entityRefs.join(','), ...rest },
    });
  }

  async findFreeSlot(request: FreeSlotRequest): Promise<FreeSlot> {
    const { entityRefs, type, durationMinutes, earliestStart, excludeId } =
      request;
    return this.json('FindFreeSlot', {
      query: {
        entityRef: entityRefs.join(','),
        durationMinutes: String(durationMinutes),
        earliestStart,
        type,
        excludeId,
      },
    });
  }

  async getCalendar(request: CalendarRequest): Promise<Calendar> {
    const { from, to, entityRef, type } = request;
    return this.json('GetCalendar', {
      query: { from, to, entityRef: entityRef || undefined, type },
    });
  }

  async listLockdowns(request: {
    active?: boolean;
    entityRef?: string;
  }): Promise<LockdownList> {
    return this.json('ListLockdowns', {
      query: {
        active: request.active ? 'true' : undefined,
        entityRef: request.entityRef || undefined,
      },
    });
  }

  async declareLockdown(
    declaration: LockdownDeclarationInput,
  ): Promise<Lockdown> {
    return this.json('DeclareLockdown', { body: declaration });
  }

  async liftLockdown(id: string): Promise<Lockdown> {
    return this.json('LiftLockdown', { params: { id } });
  }

  /**
   * The JSON answer of an operation, typed by its schema. Not parsed: the
   * server answers by the same schema.
   */
  private async json<Op extends ApiOperation>(
    operation: Op,
    ...args: Args<Op>
  ): Promise<ApiResponse<Op>> {
    return (await this.fetch(operation, ...args)).json();
  }

  /** Sends a request of an operation; a refusal is thrown as a ResponseError. */
  private async fetch<Op extends ApiOperation>(
    operation: Op,
    ...[request]: Args<Op>
  ): Promise<Response> {
    const { method, path } = apiRoutes[operation];
    const { params, query, body } = (request ?? {}) as {
      params?: Record<string, string>;
      query?: object;
      body?: unknown;
    };
    const baseUrl = await this.discoveryApi.getBaseUrl('change-management');
    const address = path.replace(/\{(\w+)\}/g, (_, name: string) =>
      encodeURIComponent(params![name]),
    );
    const search = query ? queryString(query) : '';
    const url = `${baseUrl}${address}${search ? `?${search}` : ''}`;
    const response = await this.fetchApi.fetch(
      url,
      method === 'get'
        ? undefined
        : {
            method: method.toUpperCase(),
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
          },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}
