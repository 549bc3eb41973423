import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ChangeList,
  GateAnswer,
} from '@trove/backstage-plugin-change-management-common';

/**
 * Asks the change-management backend's `GET /gate` with the plugin's own
 * service token: the gate stays the one judge of "may it deploy?". It finds
 * a change by its pull request through `GET /changes`.
 */
export class GateClient {
  constructor(
    private readonly options: {
      auth: AuthService;
      discovery: DiscoveryService;
    },
  ) {}

  /** The gate's answer, or undefined when no such change exists. */
  async check(
    changeId: string,
    environment: 'production' | 'staging',
  ): Promise<GateAnswer | undefined> {
    const query = new URLSearchParams({ changeId, environment });
    const response = await fetch(`${await this.baseUrl()}/gate?${query}`, {
      headers: { Authorization: `Bearer ${await this.token()}` },
    });
    if (response.status === 404) {
      return undefined;
    }
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as GateAnswer;
  }

  /** The newest change whose pull request is at this URL, if any. */
  changeOfPullRequest(url: string): Promise<string | undefined> {
    return this.newestChange({ pullRequestUrl: url });
  }

  /** The newest change whose recorded deploy names this commit, if any. */
  changeOfCommit(sha: string): Promise<string | undefined> {
    return this.newestChange({ commitSha: sha });
  }

  private async newestChange(
    filter: Record<string, string>,
  ): Promise<string | undefined> {
    const query = new URLSearchParams({ ...filter, limit: '1' });
    const response = await fetch(`${await this.baseUrl()}/changes?${query}`, {
      headers: { Authorization: `Bearer ${await this.token()}` },
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    const list = (await response.json()) as ChangeList;
    return list.items[0]?.id;
  }

  private baseUrl() {
    return this.options.discovery.getBaseUrl('change-management');
  }

  private async token() {
    const { auth } = this.options;
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'change-management',
    });
    return token;
  }
}
