import { Octokit } from '@octokit/rest';
import { PullRequestSnapshot } from '@trove/backstage-plugin-change-management-common';

/**
 * Reads one pull request into a snapshot: the pull request, its reviews
 * and the check runs on its head commit, each list through every page.
 * https://docs.github.com/en/rest/pulls/pulls#get-a-pull-request
 * https://docs.github.com/en/rest/pulls/reviews#list-reviews-for-a-pull-request
 * https://docs.github.com/en/rest/checks/runs#list-check-runs-for-a-git-reference
 */
export async function readPullRequestSnapshot(
  octokit: Octokit,
  pr: { owner: string; repo: string; number: number; url: string },
  now: Date,
): Promise<PullRequestSnapshot> {
  const { owner, repo, number } = pr;
  const { data: pull } = await octokit.rest.pulls.get({
    owner,
    repo,
    pull_number: number,
  });
  // Every page of each, a hundred at a time: a long-lived pull request
  // can have more reviews, or a monorepo's commit more check runs, and an
  // approval or a failure on a later page still counts.
  const [reviews, checks] = await Promise.all([
    octokit.paginate('GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews', {
      owner,
      repo,
      pull_number: number,
      per_page: 100,
    }),
    octokit.paginate('GET /repos/{owner}/{repo}/commits/{ref}/check-runs', {
      owner,
      repo,
      ref: pull.head.sha,
      per_page: 100,
    }),
  ]);
  const author = pull.user?.login ?? '';
  return {
    url: pr.url,
    repository: `${owner}/${repo}`,
    number,
    title: pull.title,
    state: pull.merged_at ? 'merged' : (pull.state as 'open' | 'closed'),
    author,
    headSha: pull.head.sha,
    // GitHub names a test merge commit on an open PR; only a merged PR has
    // a merge commit that can be deployed.
    mergeSha: pull.merged_at ? pull.merge_commit_sha ?? null : null,
    mergedAt: pull.merged_at ?? null,
    approvals: approvals(reviews, author),
    checks: checks.map(run => ({
      name: run.name,
      status: run.status,
      conclusion: run.conclusion ?? null,
      at: run.completed_at ?? run.started_at ?? null,
    })),
    readAt: now.toISOString(),
  };
}

interface Review {
  user: { login: string } | null;
  state: string;
  submitted_at?: string | null;
}

/**
 * The reviewers whose latest review approves, the author excluded: a later
 * "changes requested" or a dismissal takes an approval back; a comment
 * does not (as GitHub's own review requirement counts them).
 */
function approvals(reviews: Review[], author: string) {
  const latest = new Map<string, Review>();
  for (const review of reviews) {
    const login = review.user?.login;
    if (!login || login === author || review.state === 'COMMENTED') continue;
    if (review.state === 'PENDING') continue;
    latest.set(login, review);
  }
  return [...latest.entries()]
    .filter(([, review]) => review.state === 'APPROVED')
    .map(([reviewer, review]) => ({
      reviewer,
      at: review.submitted_at ?? '',
    }));
}
