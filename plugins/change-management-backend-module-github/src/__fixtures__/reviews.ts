/**
 * A review of a pull request, in the shape of
 * https://docs.github.com/en/rest/pulls/reviews#list-reviews-for-a-pull-request,
 * trimmed to the fields that identify it.
 */
export function review(options: {
  repository: string;
  number: number;
  reviewer: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED';
  submittedAt: string;
  commitId: string;
}) {
  const id = 80 + Math.floor(Date.parse(options.submittedAt) / 1000);
  return {
    id,
    node_id: 'MDE3OlB1bGxSZXF1ZXN0UmV2aWV3ODA=',
    user: {
      login: options.reviewer,
      id: options.reviewer.length * 1000,
      type: 'User',
      site_admin: false,
    },
    body: options.state === 'APPROVED' ? 'Looks good.' : 'See the comments.',
    state: options.state,
    html_url: `https://github.com/${options.repository}/pull/${options.number}#pullrequestreview-${id}`,
    pull_request_url: `https://api.github.com/repos/${options.repository}/pulls/${options.number}`,
    submitted_at: options.submittedAt,
    commit_id: options.commitId,
    author_association: 'MEMBER',
  };
}

/**
 * A check run, in the shape of
 * https://docs.github.com/en/rest/checks/runs#list-check-runs-for-a-git-reference
 * (an item of `check_runs`), trimmed to the fields that identify it.
 */
export function checkRun(options: {
  name: string;
  headSha: string;
  conclusion: 'success' | 'failure' | 'neutral' | 'skipped' | null;
  startedAt: string;
  completedAt: string | null;
}) {
  return {
    id: 4,
    head_sha: options.headSha,
    node_id: 'MDg6Q2hlY2tSdW40',
    external_id: '',
    url: 'https://api.github.com/repos/acme/payments-service/check-runs/4',
    html_url: 'https://github.com/acme/payments-service/runs/4',
    details_url: 'https://ci.example.com/runs/4',
    status: options.completedAt ? 'completed' : 'in_progress',
    conclusion: options.conclusion,
    started_at: options.startedAt,
    completed_at: options.completedAt,
    name: options.name,
    check_suite: { id: 5 },
    app: { id: 15368, slug: 'github-actions', name: 'GitHub Actions' },
    pull_requests: [],
  };
}
