import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
/* eslint-disable @backstage/no-relative-monorepo-imports -- the GitHub
   module's recorded response shapes, which its unit tests fake GitHub with;
   not part of that package's API */
import { pullRequest } from '../../../../plugins/change-management-backend-module-github/src/__fixtures__/pullRequest';
import { repository } from '../../../../plugins/change-management-backend-module-github/src/__fixtures__/repository';
import {
  checkRun,
  review,
} from '../../../../plugins/change-management-backend-module-github/src/__fixtures__/reviews';
/* eslint-enable @backstage/no-relative-monorepo-imports */

/**
 * The pull request the PR evidence browser test links (issue 20): merged,
 * approved by bob and dana (alice's own approval does not count), and its
 * `test` check failing, so the page has approvals, checks and a warning
 * to show. Every other pull request exists, merged, approved by bob, all
 * checks green, so that the other browser tests' links pass the submit's
 * check and warn of nothing.
 */
export const E2E_PULL_REQUEST = {
  repository: 'acme/payments-service',
  number: 2020,
};

/** The head commit of the evidence PR; every other PR's is another. */
const EVIDENCE_HEAD = 'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391';
const OTHER_HEAD = 'a10867b14bb761a232cd80139fbd4c0d33264240';
const MERGE = '9fceb02d0ae598e95dc970b74767f19372d61af8';
const at = (minute: number) =>
  `2026-06-09T15:${String(minute).padStart(2, '0')}:00Z`;

/** A pull request and its reviews, as GitHub answers them. */
function pullAndReviews(fullName: string, number: number) {
  const evidence =
    fullName === E2E_PULL_REQUEST.repository &&
    number === E2E_PULL_REQUEST.number;
  const headSha = evidence ? EVIDENCE_HEAD : OTHER_HEAD;
  const reviewers: [string, 'APPROVED' | 'COMMENTED'][] = evidence
    ? [
        ['alice', 'APPROVED'],
        ['bob', 'APPROVED'],
        ['oscar', 'COMMENTED'],
        ['dana', 'APPROVED'],
      ]
    : [['bob', 'APPROVED']];
  const pull = pullRequest({
    repository: fullName,
    number,
    headSha,
    mergeCommitSha: MERGE,
    state: 'closed',
    mergedAt: '2026-06-09T16:00:00Z',
  });
  return {
    pull,
    reviews: reviewers.map(([reviewer, state], i) =>
      review({
        repository: fullName,
        number,
        reviewer,
        state,
        submittedAt: at(10 + i),
        commitId: headSha,
      }),
    ),
  };
}

/** The check runs of a commit: the evidence PR's `test` fails. */
function checkRunsOf(ref: string) {
  const checks: [string, 'success' | 'failure'][] =
    ref === EVIDENCE_HEAD
      ? [
          ['build', 'success'],
          ['test', 'failure'],
          ['lint', 'success'],
        ]
      : [
          ['build', 'success'],
          ['test', 'success'],
        ];
  return checks.map(([name, conclusion], i) =>
    checkRun({
      name,
      headSha: ref,
      conclusion,
      startedAt: at(20 + i),
      completedAt: at(30 + i),
    }),
  );
}

/** The GitHub REST routes the module's pull request reader asks. */
function handle(req: IncomingMessage, res: ServerResponse) {
  const json = (status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  const match = path.match(
    /^\/repos\/([^/]+)\/([^/]+)(?:\/pulls\/(\d+)(\/reviews)?|\/commits\/([^/]+)\/check-runs)?$/,
  );
  if (req.method !== 'GET' || !match) {
    json(404, { message: 'Not Found' });
    return;
  }
  const [, owner, repo, number, reviews, ref] = match;
  const fullName = `${owner}/${repo}`;
  if (ref) {
    const runs = checkRunsOf(ref);
    json(200, { total_count: runs.length, check_runs: runs });
  } else if (!number) {
    json(200, repository(fullName));
  } else {
    const answer = pullAndReviews(fullName, Number(number));
    json(200, reviews ? answer.reviews : answer.pull);
  }
}

/**
 * FOR BROWSER TESTS ONLY, added by src/e2e.ts: a fake of GitHub's REST API
 * for the change-management GitHub module, at the `apiBaseUrl` that
 * app-config.e2e.yaml gives `integrations.github` (GitHub cannot be
 * reached from the machines the tests run on). It answers from the
 * module's unit-test fixtures, the shapes of GitHub's REST docs.
 */
export const e2eGithubFeatures = [
  createBackendPlugin({
    pluginId: 'e2e-github',
    register(env) {
      env.registerInit({
        deps: {
          config: coreServices.rootConfig,
          lifecycle: coreServices.rootLifecycle,
          logger: coreServices.logger,
        },
        async init({ config, lifecycle, logger }) {
          const apiBaseUrl = config
            .getConfigArray('integrations.github')
            .find(c => c.getString('host') === 'github.com')
            ?.getString('apiBaseUrl');
          if (!apiBaseUrl) return;
          const server = createServer(handle);
          await new Promise<void>(resolve =>
            server.listen(Number(new URL(apiBaseUrl).port), resolve),
          );
          const { port } = server.address() as AddressInfo;
          logger.warn(
            `A fake GitHub API answers on port ${port}: browser tests only`,
          );
          lifecycle.addShutdownHook(
            () => new Promise<void>(resolve => server.close(() => resolve())),
          );
        },
      });
    },
  }),
];
