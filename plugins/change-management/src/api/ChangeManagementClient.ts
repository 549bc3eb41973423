import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ActionRequest,
  ChangeDraftInput,
  ChangeList,
  ChangeView,
} from '@trove/backstage-plugin-change-management-common';
import {
  ChangeEvent,
  ChangeListRequest,
  ChangeManagementApi,
  FreezeStatus,
} from './ChangeManagementApi';

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
    const params = new URLSearchParams();
    if (request.entityRef) params.set('entityRef', request.entityRef);
    if (request.states?.length) params.set('state', request.states.join(','));
    if (request.type) params.set('type', request.type);
    if (request.needsActionByMe) params.set('needsActionBy', 'me');
    if (request.inFlight) params.set('inFlight', 'true');
    if (request.overdue) params.set('overdue', 'true');
    if (request.limit) params.set('limit', String(request.limit));
    if (request.cursor) params.set('cursor', request.cursor);
    return this.json(`/changes?${params}`);
  }

  async getChange(id: string): Promise<ChangeView> {
    return this.json(`/changes/${encodeURIComponent(id)}`);
  }

  async createChange(input: ChangeDraftInput): Promise<ChangeView> {
    return this.json('/changes', { method: 'POST', body: input });
  }

  async editChange(
    id: string,
    input: ChangeDraftInput & { version: number },
  ): Promise<ChangeView> {
    return this.json(`/changes/${encodeURIComponent(id)}`, {
      method: 'PATCH',
      body: input,
    });
  }

  async act(id: string, request: ActionRequest): Promise<ChangeView> {
    return this.json(`/changes/${encodeURIComponent(id)}/actions`, {
      method: 'POST',
      body: request,
    });
  }

  async listEvents(id: string): Promise<{ items: ChangeEvent[] }> {
    return this.json(`/changes/${encodeURIComponent(id)}/events`);
  }

  async getFreeze(): Promise<FreezeStatus> {
    return this.json('/freeze');
  }

  async exportChangeLog(range: { from: string; to: string }): Promise<string> {
    const params = new URLSearchParams({ ...range, format: 'csv' });
    const response = await this.fetch(`/export?${params}`);
    return response.text();
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
