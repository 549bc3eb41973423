import { Octokit } from '@octokit/rest';
import { GatedEnvironment } from './config';
import { GateClient } from './GateClient';

/** The parts of a GitHub deployment that name its change. */
export interface GithubDeployment {
  sha?: string;
  description?: string | null;
  payload?: unknown;
  url?: string;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/**
 * The change a deployment names: `changeId` in the deployment's payload
 * (an object, or the JSON text GitHub sometimes sends), else the first
 * change id in its description.
 */
export function changeIdOf(
  deployment: GithubDeployment | undefined,
): string | undefined {
  let payload = deployment?.payload;
  if (typeof payload === 'string') {
    try {
      payload = JSON.parse(payload);
    } catch {
      payload = undefined;
    }
  }
  const fromPayload =
    payload && typeof payload === 'object'
      ? (payload as Record<string, unknown>).changeId
      : undefined;
  if (typeof fromPayload === 'string' && UUID.test(fromPayload)) {
    return fromPayload.match(UUID)![0].toLowerCase();
  }
  return deployment?.description?.match(UUID)?.[0].toLowerCase();
}

/**
 * The change a deployment carries out: the id it names, else the change of
 * the pull request whose head or merge commit the deployment's commit is
 * (GitHub's pull requests of a commit), the newest pull request first,
 * else the change whose recorded deploy names that commit.
 */
export async function findChangeId(
  gated: GatedEnvironment,
  deployment: GithubDeployment | undefined,
  octokit: Octokit,
  gate: GateClient,
): Promise<string | undefined> {
  const named = changeIdOf(deployment);
  const sha = deployment?.sha;
  if (named || !sha) return named;
  const [owner, repo] = gated.repository.split('/');
  const { data: pulls } =
    await octokit.rest.repos.listPullRequestsAssociatedWithCommit({
      owner,
      repo,
      commit_sha: sha,
    });
  const deployed = pulls
    .filter(pr => pr.head.sha === sha || pr.merge_commit_sha === sha)
    .sort((a, b) => b.number - a.number);
  for (const pr of deployed) {
    const changeId = await gate.changeOfPullRequest(pr.html_url);
    if (changeId) return changeId;
  }
  return /^[0-9a-f]{40}$/i.test(sha) ? gate.changeOfCommit(sha) : undefined;
}
