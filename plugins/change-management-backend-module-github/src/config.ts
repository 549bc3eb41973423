import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { ScmIntegrations } from '@backstage/integration';

/** One GitHub Environment whose deployments wait on the gate. */
export interface GatedEnvironment {
  host: string;
  /** `owner/name` */
  repository: string;
  environment: string;
  gate: 'production' | 'staging';
}

/** Reads `changeManagement.github.environments`, once at start-up. */
export function readGatedEnvironments(config: Config): GatedEnvironment[] {
  const entries =
    config.getOptionalConfigArray('changeManagement.github.environments') ?? [];
  return entries.map(entry => {
    const repository = entry.getString('repository');
    if (!/^[^/\s]+\/[^/\s]+$/.test(repository)) {
      throw new InputError(
        `changeManagement.github.environments: repository must be owner/name, not '${repository}'`,
      );
    }
    const gate = entry.getOptionalString('gate') ?? 'production';
    if (gate !== 'production' && gate !== 'staging') {
      throw new InputError(
        `changeManagement.github.environments: gate must be production or staging, not '${gate}'`,
      );
    }
    return {
      host: entry.getOptionalString('host') ?? 'github.com',
      repository,
      environment: entry.getString('environment'),
      gate,
    };
  });
}

/** The configured environment a deployment goes to, if any. */
export function findGatedEnvironment(
  environments: GatedEnvironment[],
  repository: string,
  environment: string,
): GatedEnvironment | undefined {
  // GitHub compares repository and environment names without case.
  return environments.find(
    e =>
      e.repository.toLowerCase() === repository.toLowerCase() &&
      e.environment.toLowerCase() === environment.toLowerCase(),
  );
}

/**
 * Who records a deploy GitHub reports (issue 20): the GitHub App that
 * receives the webhooks and reads the repository, `github-app:<appId>`, as
 * `integrations.github` configures it for the host (of several Apps, the
 * one whose `allowedInstallationOwners` names the repository's owner, as
 * Backstage's credentials provider picks it). `github:<host>` where the
 * integration reads with a token, not an App.
 */
export function githubActor(
  integrations: ScmIntegrations,
  gated: Pick<GatedEnvironment, 'host' | 'repository'>,
): string {
  const apps = integrations.github.byHost(gated.host)?.config.apps ?? [];
  const owner = gated.repository.split('/')[0].toLowerCase();
  const app =
    apps.find(a =>
      a.allowedInstallationOwners?.some(o => o.toLowerCase() === owner),
    ) ?? apps.find(a => !a.allowedInstallationOwners?.length);
  return app ? `github-app:${app.appId}` : `github:${gated.host}`;
}
