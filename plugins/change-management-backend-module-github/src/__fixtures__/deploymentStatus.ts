import { deploymentProtectionRule } from './deploymentProtectionRule';

/**
 * A `deployment_status` webhook body, in the shape of
 * https://docs.github.com/en/webhooks/webhook-events-and-payloads#deployment_status
 * (the status as in
 * https://docs.github.com/en/rest/deployments/statuses#get-a-deployment-status),
 * for the sample payments-service.
 */
export function deploymentStatus(options: {
  state: 'success' | 'failure' | 'in_progress';
  sha?: string;
  payload?: unknown;
}) {
  const { deployment, repository, organization, installation, sender } =
    deploymentProtectionRule({ sha: options.sha, payload: options.payload });
  const runUrl = `https://github.com/${repository.full_name}/actions/runs/6512749872/job/17690592310`;
  return {
    action: 'created',
    deployment_status: {
      url: `${deployment.url}/statuses/1`,
      id: 1,
      node_id: 'MDE2OkRlcGxveW1lbnRTdGF0dXMx',
      state: options.state,
      creator: sender,
      description: '',
      environment: deployment.environment,
      target_url: runUrl,
      log_url: runUrl,
      environment_url: '',
      created_at: '2026-06-10T09:05:00Z',
      updated_at: '2026-06-10T09:05:00Z',
      deployment_url: deployment.url,
      repository_url: deployment.repository_url,
    },
    deployment,
    repository,
    organization,
    installation,
    sender,
  };
}
