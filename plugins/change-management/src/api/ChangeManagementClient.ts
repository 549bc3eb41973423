import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ChangeDraftInput,
  ChangeList,
  ChangeView,
} from '@internal/backstage-plugin-change-management-common';
import { ChangeListRequest, ChangeManagementApi } from './ChangeManagementApi';

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
    if (request.limit) params.set('limit', String(request.limit));
    if (request.cursor) params.set('cursor', request.cursor);
    return this.request(`/changes?${params}`);
  }

  async getChange(id: string): Promise<ChangeView> {
    return this.request(`/changes/${encodeURIComponent(id)}`);
  }

  async createChange(input: ChangeDraftInput): Promise<ChangeView> {
    return this.request('/changes', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    });
  }

  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('change-management');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
