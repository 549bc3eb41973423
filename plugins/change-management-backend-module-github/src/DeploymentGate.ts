import { LoggerService } from '@backstage/backend-plugin-api';
import { GateAnswer } from '@trove/backstage-plugin-change-management-common';
import { ChangeOutbox } from '@trove/backstage-plugin-change-management-node';
import { Octokit } from '@octokit/rest';
import { findGatedEnvironment, GatedEnvironment } from './config';
import { GateClient } from './GateClient';
import { findChangeId, GithubDeployment } from './findChange';
import {
  DeploymentRequest,
  DeploymentRequestStore,
  Judgement,
} from './DeploymentRequestStore';
import { CALLBACK_KIND, CallbackPayload } from './DeploymentCallback';

/** The outbox kind that judges a recorded request. */
export const JUDGE_KIND = 'github-deployment-judge';

/**
 * The parts of GitHub's `deployment_protection_rule` webhook that the gate
 * reads (https://docs.github.com/en/webhooks/webhook-events-and-payloads#deployment_protection_rule).
 */
export interface DeploymentProtectionRuleEvent {
  action?: string;
  environment?: string;
  deployment_callback_url?: string;
  deployment?: GithubDeployment;
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
 * verdict. The webhook only records the request; its judgement and the
 * answer go through the plugin's outbox, after the commit that decided
 * them: approved or rejected once, or a status report while the change may
 * yet be allowed, and judged again when it moves (`HeldDeployments`).
 */
export class DeploymentGate {
  constructor(
    private readonly options: {
      environments: GatedEnvironment[];
      gate: GateClient;
      octokitFor: (host: string, repository: string) => Promise<Octokit>;
      store: DeploymentRequestStore;
      outbox: ChangeOutbox;
      /** The app's address, for the link to the change. */
      appBaseUrl: string;
      logger: LoggerService;
    },
  ) {}

  /** Records the request and has it judged; a redelivery changes nothing. */
  async onProtectionRule(event: DeploymentProtectionRuleEvent): Promise<void> {
    const { logger, store, outbox } = this.options;
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
    const { sha, description, payload } = event.deployment ?? {};
    const id = await store.transaction(async tx => {
      const recorded = await store.record(
        tx,
        { ...gated, callbackUrl, deployment: { sha, description, payload } },
        new Date(),
      );
      if (recorded) {
        await outbox.enqueue(JUDGE_KIND, { requestId: recorded }, recorded, {
          transaction: tx,
        });
      }
      return recorded;
    });
    logger.info(
      id
        ? `Deployment request ${id}: ${repository} environment ${environmentName} waits on the gate`
        : `A deployment to ${repository} environment ${environmentName} was already recorded: ${callbackUrl}`,
    );
  }

  /**
   * Judges a request that is not yet answered for good, and writes its
   * answer to the outbox if it differs from the last one: one replica wins
   * each step (`moveOn`), so GitHub is told each thing once.
   */
  async judge(requestId: string): Promise<void> {
    const { store, outbox, logger } = this.options;
    const request = await store.get(requestId);
    if (!request || (request.state !== 'pending' && request.state !== 'held')) {
      return;
    }
    const judgement = await this.decide(request);
    if (judgement.state === 'held' && judgement.comment === request.comment) {
      return;
    }
    const version = await store.moveOn(
      request,
      judgement,
      new Date(),
      (tx, next) => {
        const callback: CallbackPayload = {
          requestId,
          version: next,
          ...(judgement.state !== 'held' && { state: judgement.state }),
          comment: judgement.comment,
        };
        return outbox.enqueue(CALLBACK_KIND, callback, `${requestId}:${next}`, {
          transaction: tx,
        });
      },
    );
    if (version !== undefined) {
      logger.info(
        `Deployment request ${requestId} of change ${
          judgement.changeId ?? '(none)'
        }: ${judgement.state}`,
      );
    }
  }

  /** approved, rejected, or held (a status report) while it may yet be allowed. */
  private async decide(request: DeploymentRequest): Promise<Judgement> {
    const octokit = await this.options.octokitFor(
      request.host,
      request.repository,
    );
    const changeId = await findChangeId(
      request,
      request.deployment,
      octokit,
      this.options.gate,
    );
    const answer = changeId
      ? await this.options.gate.check(changeId, request.gate)
      : undefined;
    if (!changeId || !answer) {
      return {
        state: 'rejected',
        changeId,
        comment: changeId
          ? `No change ${changeId} exists in change management.`
          : 'No change names this deployment: neither its payload (changeId) nor its description holds a change id, no change links a pull request whose head or merge commit it deploys, and no change recorded a deploy of its commit.',
      };
    }
    const comment = commentOf(
      answer,
      `${this.options.appBaseUrl}/change-management/changes/${answer.change.id}`,
    );
    if (answer.allowed) return { state: 'approved', changeId, comment };
    if (answer.final) return { state: 'rejected', changeId, comment };
    return { state: 'held', changeId, comment };
  }
}
