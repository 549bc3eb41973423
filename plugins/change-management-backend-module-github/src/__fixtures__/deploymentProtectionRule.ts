/**
 * A `deployment_protection_rule` webhook body as GitHub sends it to the
 * GitHub App of a custom deployment protection rule, in the shape of
 * https://docs.github.com/en/webhooks/webhook-events-and-payloads#deployment_protection_rule
 * (the deployment object as in
 * https://docs.github.com/en/rest/deployments/deployments#get-a-deployment),
 * for the sample payments-service.
 */
export function deploymentProtectionRule(options: {
  repository?: string;
  environment?: string;
  description?: string | null;
  payload?: unknown;
  sha?: string;
}) {
  const repository = options.repository ?? 'acme/payments-service';
  const [owner, name] = repository.split('/');
  const environment = options.environment ?? 'production';
  const sha = options.sha ?? 'a10867b14bb761a232cd80139fbd4c0d33264240';
  const runId = 6512749872;
  const user = {
    login: 'octocat',
    id: 1,
    node_id: 'MDQ6VXNlcjE=',
    avatar_url: 'https://github.com/images/error/octocat_happy.gif',
    url: 'https://api.github.com/users/octocat',
    html_url: 'https://github.com/octocat',
    type: 'User',
    site_admin: false,
  };
  return {
    action: 'requested',
    environment,
    event: 'push',
    ref: 'refs/heads/main',
    deployment_callback_url: `https://api.github.com/repos/${repository}/actions/runs/${runId}/deployment_protection_rule`,
    deployment: {
      url: `https://api.github.com/repos/${repository}/deployments/1`,
      id: 1,
      node_id: 'MDEwOkRlcGxveW1lbnQx',
      sha,
      ref: 'main',
      task: 'deploy',
      payload: options.payload ?? {},
      original_environment: environment,
      environment,
      description: options.description ?? null,
      creator: user,
      created_at: '2026-06-10T09:00:00Z',
      updated_at: '2026-06-10T09:00:00Z',
      statuses_url: `https://api.github.com/repos/${repository}/deployments/1/statuses`,
      repository_url: `https://api.github.com/repos/${repository}`,
      transient_environment: false,
      production_environment: environment === 'production',
    },
    pull_requests: [],
    repository: {
      id: 1296269,
      node_id: 'MDEwOlJlcG9zaXRvcnkxMjk2MjY5',
      name,
      full_name: repository,
      private: true,
      owner: { ...user, login: owner, type: 'Organization' },
      html_url: `https://github.com/${repository}`,
      url: `https://api.github.com/repos/${repository}`,
      default_branch: 'main',
    },
    organization: {
      login: owner,
      id: 2,
      node_id: 'MDEyOk9yZ2FuaXphdGlvbjI=',
      url: `https://api.github.com/orgs/${owner}`,
    },
    installation: {
      id: 12345678,
      node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==',
    },
    sender: user,
  };
}
