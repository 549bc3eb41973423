import { LoggerService } from '@backstage/backend-plugin-api';
import { GateAnswer } from '@trove/backstage-plugin-change-management-common';
import { Octokit } from '@octokit/rest';
import { findGatedEnvironment, GatedEnvironment } from './config';
import { GateClient } from './GateClient';
import { findChangeId } from './findChange';

/**
 * The parts of GitHub's `deployment_protection_rule` webhook that the gate
 * reads (https://docs.github.com/en/webhooks/webhook-events-and-payloads#deployment_protection_rule).
 */
export interface DeploymentProtectionRuleEvent {
  action?: string;
  environment?: string;
  deployment_callback_url?: string;
  deployment?: {
    sha?: string;
    description?: string | null;
    payload?: unknown;
  };
  repository?: { full_name?: string };
}

/** What GitHub is told: the gate's reasons in words and the change's link. */
export function commentOf(answer: GateAnswer, changeUrl: string): string {
  const verdict = answer.allowed
    ? 'The change-management gate allows this deployment.'
    : 'The change-management gate holds this deployment.';
  const reasons = answer.reasons.map(reason => `- ${reason}`);
  return [verdict, ...reasons, '', `Change: ${changeUrl}`].join('\n');
}

/**
 * Answers GitHub's custom deployment protection rule with the gate's
 * verdict, through the deployment's callback URL.
 */
export class DeploymentGate {
  constructor(
    private readonly options: {
      environments: GatedEnvironment[];
      gate: GateClient;
      octokitFor: (host: string, repository: string) => Promise<Octokit>;
      /** The app's address, for the link to the change. */
      appBaseUrl: string;
      logger: LoggerService;
    },
  ) {}

  async onProtectionRule(event: DeploymentProtectionRuleEvent): Promise<void> {
    const { logger } = this.options;
    const repository = event.repository?.full_name;
    const environmentName = event.environment;
    const callbackUrl = event.deployment_callback_url;
    if (
      event.action !== 'requested' ||
      !repository ||
      !environmentName ||
      !callbackUrl
    ) {
      logger.warn(
        `Ignored a deployment_protection_rule event without a request, repository, environment or callback URL`,
      );
      return;
    }
    const gated = findGatedEnvironment(
      this.options.environments,
      repository,
      environmentName,
    );
    if (!gated) {
      logger.info(
        `Ignored a deployment to ${repository} environment ${environmentName}: no changeManagement.github.environments entry gates it`,
      );
      return;
    }
    const octokit = await this.options.octokitFor(gated.host, gated.repository);
    const answer = await this.decide(gated, event, octokit);
    await octokit.request({
      method: 'POST',
      url: callbackUrl,
      environment_name: environmentName,
      ...(answer.state ? { state: answer.state } : {}),
      comment: answer.comment,
    });
    logger.info(
      `Answered a deployment to ${repository} environment ${environmentName}: ${
        answer.state ?? 'status report'
      }`,
    );
  }

  /** approved, rejected, or no state (a status report) while it may yet be allowed. */
  private async decide(
    gated: GatedEnvironment,
    event: DeploymentProtectionRuleEvent,
    octokit: Octokit,
  ): Promise<{ state?: 'approved' | 'rejected'; comment: string }> {
    const changeId = await findChangeId(
      gated,
      event.deployment,
      octokit,
      this.options.gate,
    );
    const answer = changeId
      ? await this.options.gate.check(changeId, gated.gate)
      : undefined;
    if (!changeId || !answer) {
      return {
        state: 'rejected',
        comment: changeId
          ? `No change ${changeId} exists in change management.`
          : 'No change names this deployment: neither its payload (changeId) nor its description holds a change id, and no change links a pull request whose head or merge commit it deploys.',
      };
    }
    const comment = commentOf(
      answer,
      `${this.options.appBaseUrl}/change-management/changes/${answer.change.id}`,
    );
    if (answer.allowed) return { state: 'approved', comment };
    if (answer.final) return { state: 'rejected', comment };
    return { comment };
  }
}
