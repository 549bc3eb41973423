import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { GateAnswer } from '@trove/backstage-plugin-change-management-common';

/**
 * Asks the change-management backend's `GET /gate` with the plugin's own
 * service token: the gate stays the one judge of "may it deploy?".
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
    const { auth, discovery } = this.options;
    const baseUrl = await discovery.getBaseUrl('change-management');
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'change-management',
    });
    const query = new URLSearchParams({ changeId, environment });
    const response = await fetch(`${baseUrl}/gate?${query}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (response.status === 404) {
      return undefined;
    }
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as GateAnswer;
  }
}
