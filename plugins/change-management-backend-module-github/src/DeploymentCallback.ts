import { LoggerService } from '@backstage/backend-plugin-api';
import { Octokit } from '@octokit/rest';
import { DeploymentRequestStore } from './DeploymentRequestStore';

/** The outbox kind that answers GitHub. */
export const CALLBACK_KIND = 'github-deployment-callback';

/** One answer to a request, as its outbox row holds it. */
export interface CallbackPayload {
  requestId: string;
  /** The request's version this answer moved it to. */
  version: number;
  /** Absent for a status report. */
  state?: 'approved' | 'rejected';
  comment: string;
}

/**
 * Posts an answer to the deployment's callback URL
 * (https://docs.github.com/en/rest/actions/workflow-runs#review-custom-deployment-protection-rules-for-a-workflow-run),
 * from the outbox: a failure throws, and the outbox tries again.
 */
export class DeploymentCallback {
  constructor(
    private readonly options: {
      store: DeploymentRequestStore;
      octokitFor: (host: string, repository: string) => Promise<Octokit>;
      logger: LoggerService;
    },
  ) {}

  async send(answer: CallbackPayload): Promise<void> {
    const { store, octokitFor, logger } = this.options;
    const request = await store.get(answer.requestId);
    if (!request) return;
    // A status report overtaken by a later answer says nothing new; GitHub
    // may even have finished the run.
    if (!answer.state && request.version > answer.version) return;
    const octokit = await octokitFor(request.host, request.repository);
    await octokit.request({
      method: 'POST',
      url: request.callbackUrl,
      environment_name: request.environment,
      ...(answer.state && { state: answer.state }),
      comment: answer.comment,
    });
    logger.info(
      `Answered deployment request ${request.id} (${
        request.repository
      } environment ${request.environment}): ${
        answer.state ?? 'status report'
      }`,
    );
  }
}
