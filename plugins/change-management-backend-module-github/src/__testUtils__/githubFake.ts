import { createHmac, randomUUID } from 'node:crypto';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { repository } from '../__fixtures__/repository';

/** The secret GitHub signs the test's webhooks with. */
export const WEBHOOK_SECRET = 'test-webhook-secret';

/** A webhook body signed as GitHub signs it (`x-hub-signature-256`). */
export function signedWebhook(
  event: string,
  body: object,
  secret = WEBHOOK_SECRET,
) {
  const text = JSON.stringify(body);
  const signature = `sha256=${createHmac('sha256', secret)
    .update(text)
    .digest('hex')}`;
  return {
    text,
    headers: {
      'content-type': 'application/json',
      'x-github-event': event,
      'x-github-delivery': randomUUID(),
      'x-github-hook-id': '456789',
      'x-hub-signature-256': signature,
    },
  };
}

/**
 * One page of a list, as GitHub pages it: `per_page` (30 unless given, 100
 * at most) and `page` from the query, and a `Link` header naming the next
 * and last pages while there are more
 * (https://docs.github.com/en/rest/using-the-rest-api/using-pagination-in-the-rest-api).
 */
export function pageOf<T>(request: Request, all: T[]) {
  const url = new URL(request.url);
  const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), 100);
  const number = Number(url.searchParams.get('page') ?? 1);
  const last = Math.max(1, Math.ceil(all.length / perPage));
  const headers: Record<string, string> = {};
  if (number < last) {
    const at = (n: number) => {
      const link = new URL(url);
      link.searchParams.set('page', String(n));
      return link.toString();
    };
    headers.link = `<${at(number + 1)}>; rel="next", <${at(last)}>; rel="last"`;
  }
  return {
    items: all.slice((number - 1) * perPage, number * perPage),
    headers,
  };
}

/** One call to a deployment's callback URL, as the fake received it. */
export interface CallbackCall {
  runId: string;
  repository: string;
  authorization: string | null;
  body: { environment_name: string; state?: string; comment: string };
}

/**
 * The GitHub API, faked: the pull requests of a commit, as the test sets
 * them, and the review of a custom deployment protection rule
 * answers as GitHub does, 204 with no body
 * (https://docs.github.com/en/rest/actions/workflow-runs#review-custom-deployment-protection-rules-for-a-workflow-run).
 * Any other request to GitHub fails the test; the test backend's own
 * requests pass.
 */
export function fakeGithub() {
  const calls: CallbackCall[] = [];
  /** How many of the next callbacks fail, as GitHub does when it is down. */
  let failingCallbacks = 0;
  let failedCallbacks = 0;
  /** The gate's answers to the module, as the plugin gave them. */
  const gateAnswers: { query: string; body: any }[] = [];
  /** What happened, in order, for a trace: gate answers, callbacks, notes. */
  const timeline: string[] = [];
  /** The pull requests of each commit, by `owner/name@sha`. */
  const pullsOfCommit = new Map<string, object[]>();
  /** The repositories the integration may read, and their pull requests. */
  const repositories = new Map<string, Map<number, object>>();
  /** The reviews of each pull request, by `owner/name#number`. */
  const reviews = new Map<string, object[]>();
  /** The check runs of each commit, by `owner/name@sha`. */
  const checkRuns = new Map<string, object[]>();
  const notFound = (page: string) =>
    HttpResponse.json(
      { message: 'Not Found', documentation_url: page, status: '404' },
      { status: 404 },
    );
  const server = setupServer(
    // https://docs.github.com/en/rest/pulls/pulls#get-a-pull-request
    http.get(
      'https://api.github.com/repos/:owner/:repo/pulls/:number',
      ({ params }) => {
        const pull = repositories
          .get(`${params.owner}/${params.repo}`)
          ?.get(Number(params.number));
        return pull
          ? HttpResponse.json(pull)
          : notFound(
              'https://docs.github.com/rest/pulls/pulls#get-a-pull-request',
            );
      },
    ),
    // https://docs.github.com/en/rest/pulls/reviews#list-reviews-for-a-pull-request
    http.get(
      'https://api.github.com/repos/:owner/:repo/pulls/:number/reviews',
      ({ params, request }) => {
        const { items, headers } = pageOf(
          request,
          reviews.get(`${params.owner}/${params.repo}#${params.number}`) ?? [],
        );
        return HttpResponse.json(items, { headers });
      },
    ),
    // https://docs.github.com/en/rest/checks/runs#list-check-runs-for-a-git-reference
    http.get(
      'https://api.github.com/repos/:owner/:repo/commits/:ref/check-runs',
      ({ params, request }) => {
        const runs =
          checkRuns.get(`${params.owner}/${params.repo}@${params.ref}`) ?? [];
        const { items, headers } = pageOf(request, runs);
        return HttpResponse.json(
          { total_count: runs.length, check_runs: items },
          { headers },
        );
      },
    ),
    // https://docs.github.com/en/rest/repos/repos#get-a-repository; a
    // private repository the token may not read answers 404 too.
    http.get('https://api.github.com/repos/:owner/:repo', ({ params }) => {
      const fullName = `${params.owner}/${params.repo}`;
      return repositories.has(fullName)
        ? HttpResponse.json(repository(fullName))
        : notFound('https://docs.github.com/rest/repos/repos#get-a-repository');
    }),
    // https://docs.github.com/en/rest/commits/commits#list-pull-requests-associated-with-a-commit
    http.get(
      'https://api.github.com/repos/:owner/:repo/commits/:sha/pulls',
      ({ params }) =>
        HttpResponse.json(
          pullsOfCommit.get(`${params.owner}/${params.repo}@${params.sha}`) ??
            [],
        ),
    ),
    http.post(
      'https://api.github.com/repos/:owner/:repo/actions/runs/:runId/deployment_protection_rule',
      async ({ request, params }) => {
        if (failingCallbacks > 0) {
          failingCallbacks -= 1;
          failedCallbacks += 1;
          timeline.push(`callback out: ${request.url} -> 500 (tried again)`);
          return HttpResponse.json(
            { message: 'Server Error' },
            { status: 500 },
          );
        }
        calls.push({
          runId: String(params.runId),
          repository: `${params.owner}/${params.repo}`,
          authorization: request.headers.get('authorization'),
          body: (await request.json()) as CallbackCall['body'],
        });
        timeline.push(
          `callback out: POST ${request.url} ${JSON.stringify(
            calls[calls.length - 1].body,
          )} -> 204`,
        );
        return new HttpResponse(null, { status: 204 });
      },
    ),
  );
  /** How many requests reached GitHub, for a test that none should. */
  let githubRequests = 0;
  server.events.on('request:start', ({ request }) => {
    if (new URL(request.url).hostname === 'api.github.com') githubRequests += 1;
  });
  // The module asks the plugin's gate over HTTP, past the fake.
  server.events.on('response:bypass', async ({ request, response }) => {
    const url = new URL(request.url);
    if (url.pathname.endsWith('/api/change-management/gate')) {
      const body = await response.clone().json();
      gateAnswers.push({ query: url.search, body });
      const { allowed, final, reasons } = body;
      timeline.push(
        `gate decision: GET /gate${url.search} -> ${JSON.stringify({
          allowed,
          final,
          reasons,
          state: body.change?.state,
        })}`,
      );
    }
  });
  return {
    calls,
    gateAnswers,
    timeline,
    /** A step of the test, in the timeline. */
    note: (text: string) => timeline.push(text),
    /** The next `times` callbacks answer 500. */
    failCallbacks: (times: number) => {
      failingCallbacks = times;
    },
    failedCallbacks: () => failedCallbacks,
    /** The requests to GitHub's API so far. */
    requests: () => githubRequests,
    /** The integration may read this repository, with these pull requests. */
    setRepository: (fullName: string, pulls: { number: number }[]) =>
      repositories.set(fullName, new Map(pulls.map(p => [p.number, p]))),
    /** The reviews of a pull request, oldest first. */
    setReviews: (fullName: string, number: number, list: object[]) =>
      reviews.set(`${fullName}#${number}`, list),
    /** The check runs on a commit. */
    setCheckRuns: (fullName: string, sha: string, runs: object[]) =>
      checkRuns.set(`${fullName}@${sha}`, runs),
    /** GitHub knows these pull requests of the commit. */
    setPullsOfCommit: (fullName: string, sha: string, pulls: object[]) =>
      pullsOfCommit.set(`${fullName}@${sha}`, pulls),
    listen: () =>
      server.listen({
        onUnhandledRequest(request, print) {
          const { hostname } = new URL(request.url);
          if (hostname !== '127.0.0.1' && hostname !== 'localhost') {
            print.error();
          }
        },
      }),
    reset: () => {
      calls.length = 0;
      gateAnswers.length = 0;
      timeline.length = 0;
      failingCallbacks = 0;
      failedCallbacks = 0;
      githubRequests = 0;
      pullsOfCommit.clear();
      repositories.clear();
      reviews.clear();
      checkRuns.clear();
    },
    close: () => server.close(),
  };
}

/**
 * The fake for a test file: listening from its first test, emptied after
 * each, closed after its last.
 */
export function useFakeGithub() {
  const github = fakeGithub();
  beforeAll(() => github.listen());
  afterEach(() => github.reset());
  afterAll(() => github.close());
  return github;
}
