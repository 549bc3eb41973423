import { LoggerService } from '@backstage/backend-plugin-api';
import { Octokit } from '@octokit/rest';
import { ChangeDeployRecorder } from '@trove/backstage-plugin-change-management-node';
import { findGatedEnvironment, GatedEnvironment } from './config';
import { findChangeId, GithubDeployment } from './findChange';
import { GateClient } from './GateClient';

/**
 * The parts of GitHub's `deployment_status` webhook that the recorder reads
 * (https://docs.github.com/en/webhooks/webhook-events-and-payloads#deployment_status).
 */
export interface DeploymentStatusEvent {
  deployment_status?: {
    state?: string;
    environment?: string;
    target_url?: string | null;
    log_url?: string | null;
  };
  deployment?: GithubDeployment & { environment?: string };
  repository?: { full_name?: string; html_url?: string };
}

/**
 * Records the deploy on its change when GitHub reports a deployment to a
 * gated production environment as `success`, where
 * `changeManagement.ci.allowRecording` lets pipelines record deploys. The
 * GitHub App is the actor (`actorOf`), with the deployment's URL and commit.
 */
export class DeploymentRecorder {
  constructor(
    private readonly options: {
      environments: GatedEnvironment[];
      gate: GateClient;
      deploys: ChangeDeployRecorder;
      actorOf: (gated: GatedEnvironment) => string;
      octokitFor: (host: string, repository: string) => Promise<Octokit>;
      logger: LoggerService;
    },
  ) {}

  async onDeploymentStatus(event: DeploymentStatusEvent): Promise<void> {
    const { logger } = this.options;
    const status = event.deployment_status;
    const repository = event.repository?.full_name;
    const environment = status?.environment ?? event.deployment?.environment;
    if (status?.state !== 'success' || !repository || !environment) return;
    const gated = findGatedEnvironment(
      this.options.environments,
      repository,
      environment,
    );
    if (!gated || gated.gate !== 'production') {
      logger.info(
        `Ignored a deployment status of ${repository} environment ${environment}: no changeManagement.github.environments entry gates it for production`,
      );
      return;
    }
    const octokit = await this.options.octokitFor(gated.host, gated.repository);
    const changeId = await findChangeId(
      gated,
      event.deployment,
      octokit,
      this.options.gate,
    );
    if (!changeId) {
      logger.warn(
        `A deployment of ${repository} to ${environment} succeeded, but no change names it`,
      );
      return;
    }
    const actor = this.options.actorOf(gated);
    await this.options.deploys.recordDeploy(
      changeId,
      {
        deploymentRef:
          status.log_url ??
          status.target_url ??
          event.deployment?.url ??
          `${event.repository?.html_url}/deployments`,
        ...(event.deployment?.sha ? { commitSha: event.deployment.sha } : {}),
      },
      actor,
    );
    logger.info(
      `Recorded the deploy of change ${changeId} from ${repository} environment ${environment}, by ${actor}`,
    );
  }
}
