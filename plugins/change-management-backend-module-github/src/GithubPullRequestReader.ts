import { ScmIntegrations } from '@backstage/integration';
import { Octokit } from '@octokit/rest';
import { ChangePullRequestReader } from '@trove/backstage-plugin-change-management-node';
import {
  parsePullRequestUrl,
  PullRequestSnapshot,
} from '@trove/backstage-plugin-change-management-common';
import { readPullRequestSnapshot } from './pullRequestSnapshot';

export { parsePullRequestUrl };

/** A status GitHub answers for what the token may not see, or is not there. */
const notThere = (error: unknown) =>
  [403, 404].includes((error as { status?: number }).status ?? 0);

/**
 * Reads a change's pull request on GitHub: a pull request that does not
 * exist, or in a repository the integration cannot reach, is a problem; a
 * URL on a host with no `integrations.github` entry is not this reader's.
 */
export class GithubPullRequestReader implements ChangePullRequestReader {
  constructor(
    private readonly integrations: ScmIntegrations,
    private readonly octokitFor: (
      host: string,
      repository: string,
    ) => Promise<Octokit>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async read(url: string): Promise<PullRequestSnapshot | undefined> {
    const pr = parsePullRequestUrl(url);
    if (!pr || !this.integrations.github.byHost(pr.host)) return undefined;
    const octokit = await this.octokitFor(pr.host, `${pr.owner}/${pr.repo}`);
    return readPullRequestSnapshot(octokit, { ...pr, url }, this.now());
  }

  async problemWith(url: string): Promise<string | undefined> {
    const pr = parsePullRequestUrl(url);
    if (!pr || !this.integrations.github.byHost(pr.host)) return undefined;
    const { owner, repo, number } = pr;
    const unreachable = `The GitHub integration cannot reach the repository ${owner}/${repo}: it does not exist, or the integration has no access to it`;
    let octokit: Octokit;
    try {
      octokit = await this.octokitFor(pr.host, `${owner}/${repo}`);
    } catch {
      return unreachable;
    }
    try {
      await octokit.rest.pulls.get({ owner, repo, pull_number: number });
      return undefined;
    } catch (error) {
      if (!notThere(error)) throw error;
    }
    try {
      await octokit.rest.repos.get({ owner, repo });
    } catch (error) {
      if (!notThere(error)) throw error;
      return unreachable;
    }
    return `Pull request #${number} does not exist in ${owner}/${repo}`;
  }
}
