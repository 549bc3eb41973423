import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ActionRequestInput,
  AuditExceptionList,
  AuditCounts,
  AuditCountsQueryInput,
  AuditExceptionsQueryInput,
  AuditSampleQueryInput,
  AuditVerification,
  ChainCheckpointList,
  ChangeDetail,
  ChangeDraftInput,
  ChangeEditInput,
  ChangeEventList,
  ChangeList,
  ChangeView,
  EntitySummary,
  ExportQueryInput,
  FreezeStatus,
  ListQueryInput,
  SummaryQueryInput,
  QueueCounts,
} from '@trove/backstage-plugin-change-management-common';
import {
  AuditPeriod,
  ChangeListRequest,
  ChangeManagementApi,
} from './ChangeManagementApi';
import { Attachment, attachmentOf } from './attachment';

/** A query string of the parameters that are set, in their order. */
function queryString(params: Record<string, string | number | undefined>) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) search.set(name, String(value));
  }
  return search.toString();
}

/**
 * Talks to the change-management backend with the signed-in user's token.
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
    // Typed by the server's query schema, so a renamed parameter fails here.
    const query: ListQueryInput = {
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
    };
    return this.json(`/changes?${queryString(query)}`);
  }

  async countQueues(): Promise<QueueCounts> {
    return this.json('/queues');
  }

  async getChange(id: string): Promise<ChangeDetail> {
    return this.json(`/changes/${encodeURIComponent(id)}`);
  }

  async createChange(input: ChangeDraftInput): Promise<ChangeView> {
    return this.json('/changes', { method: 'POST', body: input });
  }

  async editChange(id: string, input: ChangeEditInput): Promise<ChangeView> {
    return this.json(`/changes/${encodeURIComponent(id)}`, {
      method: 'PATCH',
      body: input,
    });
  }

  async act(id: string, request: ActionRequestInput): Promise<ChangeView> {
    return this.json(`/changes/${encodeURIComponent(id)}/actions`, {
      method: 'POST',
      body: request,
    });
  }

  async listEvents(id: string): Promise<ChangeEventList> {
    return this.json(`/changes/${encodeURIComponent(id)}/events`);
  }

  async getFreeze(options?: { entityRef?: string }): Promise<FreezeStatus> {
    return this.json(
      options?.entityRef
        ? `/freeze?${new URLSearchParams({ entityRef: options.entityRef })}`
        : '/freeze',
    );
  }

  async exportChangeLog(range: AuditPeriod): Promise<Attachment> {
    // entityRef: the export's scope to one entity's history (see docs/api.md).
    const query: ExportQueryInput = { ...range, format: 'csv' };
    const response = await this.fetch(`/export?${queryString(query)}`);
    return attachmentOf(response);
  }

  async getSummary(entityRef: string): Promise<EntitySummary> {
    const query: SummaryQueryInput = { entityRef };
    return this.json(`/summary?${queryString(query)}`);
  }

  async getAuditExceptions(period: AuditPeriod): Promise<AuditExceptionList> {
    const { from, to, entityRef } = period;
    const query: AuditExceptionsQueryInput = { from, to, entityRef };
    return this.json(`/audit/exceptions?${queryString(query)}`);
  }

  async getAuditCounts(period: AuditPeriod): Promise<AuditCounts> {
    const { from, to, entityRef } = period;
    const query: AuditCountsQueryInput = { from, to, entityRef };
    return this.json(`/audit/counts?${queryString(query)}`);
  }

  async downloadAuditSample(
    request: AuditPeriod & { size: number; seed: string },
  ): Promise<Blob> {
    const { from, to, entityRef, size, seed } = request;
    const query: AuditSampleQueryInput = { from, to, entityRef, size, seed };
    const search = queryString({ ...query, format: 'zip' });
    return (await this.fetch(`/audit/sample?${search}`)).blob();
  }

  async verifyAuditTrail(): Promise<AuditVerification> {
    return this.json('/audit/verify');
  }

  async listChainCheckpoints(): Promise<ChainCheckpointList> {
    return this.json('/audit/checkpoints');
  }

  private async json<T>(
    path: string,
    options?: { method: string; body: unknown },
  ): Promise<T> {
    const response = await this.fetch(
      path,
      options && {
        method: options.method,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(options.body),
      },
    );
    return (await response.json()) as T;
  }

  private async fetch(path: string, init?: RequestInit): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('change-management');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}
