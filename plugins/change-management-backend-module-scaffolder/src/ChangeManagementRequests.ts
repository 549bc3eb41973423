import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ApiOperation,
  ApiRequest,
  ApiResponse,
  apiRoutes,
} from '@trove/backstage-plugin-change-management-common';

/**
 * Sends requests to the change-management backend's own HTTP API on behalf
 * of a user, so the backend judges each one as it judges the user's own:
 * the same validation, permissions and workflow rules, the user as author.
 * Each request names its operation in the shared route table of
 * change-management-common, whose schemas type what it sends and gets back.
 *
 * @public
 */
export class ChangeManagementRequests {
  constructor(
    private readonly options: {
      auth: AuthService;
      discovery: DiscoveryService;
    },
  ) {}

  async send<Op extends 'CreateChange' | 'ActOnChange'>(
    operation: Op,
    request: ApiRequest<Op>,
    onBehalfOf: BackstageCredentials,
  ): Promise<ApiResponse<Op>> {
    const { auth, discovery } = this.options;
    const { method, path } = apiRoutes[operation as ApiOperation];
    const { params, body } = request as {
      params?: Record<string, string>;
      body: unknown;
    };
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf,
      targetPluginId: 'change-management',
    });
    const baseUrl = await discovery.getBaseUrl('change-management');
    const address = path.replace(/\{(\w+)\}/g, (_, name: string) =>
      encodeURIComponent(params![name]),
    );
    const response = await fetch(`${baseUrl}${address}`, {
      method: method.toUpperCase(),
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify(body),
    });
    if (!response.ok) {
      throw await refusalOf(response);
    }
    return response.json();
  }
}

/**
 * The backend's refusal as an error of the same name and message, e.g.
 * `InputError: Cannot submit yet; missing: risks`, which is what
 * the scaffolder shows the person who ran the template. The server's stack,
 * which it sends in development, stays out of it.
 */
async function refusalOf(response: Response): Promise<Error> {
  const { cause } = await ResponseError.fromResponse(response);
  const error = new Error(cause.message);
  error.name = cause.name;
  return error;
}
