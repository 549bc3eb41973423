import { Config } from '@backstage/config';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { Octokit } from '@octokit/rest';

/**
 * An Octokit for one repository, authenticated as `integrations.github`
 * says: a token or the GitHub App installation that covers the repository.
 * As `getOctokitOptions` of Backstage's GitHub scaffolder module does.
 */
export function createOctokitFactory(config: Config) {
  const integrations = ScmIntegrations.fromConfig(config);
  const credentials =
    DefaultGithubCredentialsProvider.fromIntegrations(integrations);
  return async (host: string, repository: string): Promise<Octokit> => {
    const integration = integrations.github.byHost(host);
    if (!integration) {
      throw new Error(`No integrations.github entry for ${host}`);
    }
    const { token } = await credentials.getCredentials({
      url: `https://${host}/${repository}`,
    });
    if (!token) {
      throw new Error(
        `integrations.github gives no token for ${host}/${repository}`,
      );
    }
    return new Octokit({ auth: token, baseUrl: integration.config.apiBaseUrl });
  };
}
