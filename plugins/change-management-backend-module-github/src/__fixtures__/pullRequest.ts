/**
 * A pull request as GitHub lists it, in the shape of
 * https://docs.github.com/en/rest/commits/commits#list-pull-requests-associated-with-a-commit
 * (a "pull request simple"), trimmed to the fields that identify it.
 */
export function pullRequest(options: {
  repository: string;
  number: number;
  headSha: string;
  mergeCommitSha: string | null;
  state?: 'open' | 'closed';
  mergedAt?: string | null;
}) {
  const { repository, number } = options;
  const user = {
    login: 'alice',
    id: 583231,
    node_id: 'MDQ6VXNlcjU4MzIzMQ==',
    type: 'User',
    site_admin: false,
  };
  return {
    url: `https://api.github.com/repos/${repository}/pulls/${number}`,
    id: 1000000 + number,
    node_id: 'MDExOlB1bGxSZXF1ZXN0MQ==',
    html_url: `https://github.com/${repository}/pull/${number}`,
    diff_url: `https://github.com/${repository}/pull/${number}.diff`,
    patch_url: `https://github.com/${repository}/pull/${number}.patch`,
    issue_url: `https://api.github.com/repos/${repository}/issues/${number}`,
    number,
    state: options.state ?? 'closed',
    locked: false,
    title: 'Upgrade the PSP SDK to v5',
    user,
    body: 'Moves payments-service to PSP SDK v5 for 3DS2 support.',
    labels: [],
    created_at: '2026-06-08T10:00:00Z',
    updated_at: '2026-06-09T16:00:00Z',
    closed_at: options.mergedAt ?? '2026-06-09T16:00:00Z',
    merged_at:
      options.mergedAt === undefined
        ? '2026-06-09T16:00:00Z'
        : options.mergedAt,
    merge_commit_sha: options.mergeCommitSha,
    assignees: [],
    requested_reviewers: [],
    head: {
      label: 'acme:psp-sdk-v5',
      ref: 'psp-sdk-v5',
      sha: options.headSha,
      user,
    },
    base: {
      label: 'acme:main',
      ref: 'main',
      sha: '6dcb09b5b57875f334f61aebed695e2e4193db5e',
      user,
    },
    author_association: 'MEMBER',
    draft: false,
  };
}
