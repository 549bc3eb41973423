import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

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
