import { z } from 'zod';
import { isoTime } from './fields';
import { ChangeAction } from './enums';

// Issue 20 item 1: the pull request a change links, read as evidence. The
// reader (the GitHub module) takes a snapshot; the judges below say what a
// snapshot means, for the form, the change page and the CTO's dialogs.

/**
 * The actions whose audit event records the PR as it was (issue 20): the
 * review, the CTO's two signatures and the deploy.
 *
 * @public
 */
export const PULL_REQUEST_SNAPSHOT_ACTIONS = [
  'review',
  'approve',
  'sign-off',
  'deploy',
] as const;

/** @public */
export const recordsPullRequest = (action: ChangeAction | 'create') =>
  (PULL_REQUEST_SNAPSHOT_ACTIONS as readonly string[]).includes(action);

/** The catalog annotation that names an entity's GitHub repository. */
export const GITHUB_PROJECT_SLUG_ANNOTATION = 'github.com/project-slug';

/**
 * `https://<host>/<owner>/<repo>/pull/<number>` taken apart.
 *
 * @public
 */
export function parsePullRequestUrl(url: string) {
  const match = url.match(
    /^https?:\/\/([^/]+)\/([^/]+)\/([^/]+)\/pull\/(\d+)\/?(?:[?#].*)?$/,
  );
  if (!match) return undefined;
  const [, host, owner, repo, number] = match;
  return { host, owner, repo, number: Number(number) };
}

/** @public */
export const pullRequestApprovalSchema = z
  .object({
    reviewer: z.string().describe("The reviewer's login on the code host."),
    at: isoTime('When the approving review was submitted.'),
  })
  .strict();

/** @public */
export const pullRequestCheckSchema = z
  .object({
    name: z.string(),
    status: z
      .string()
      .describe('queued, in_progress or completed, as the code host says.'),
    conclusion: z
      .string()
      .nullable()
      .describe('success, failure, neutral, … ; null until completed.'),
    at: isoTime('When it completed, or else started.').nullable(),
  })
  .strict();

/**
 * What a pull request was when it was read: the evidence a signature
 * relied on.
 *
 * @public
 */
export const pullRequestSnapshotSchema = z
  .object({
    url: z.string(),
    repository: z.string().describe('owner/name'),
    number: z.number().int(),
    title: z.string(),
    state: z.enum(['open', 'merged', 'closed']),
    author: z.string().describe("The author's login on the code host."),
    headSha: z.string(),
    mergeSha: z
      .string()
      .nullable()
      .describe('The merge commit; null unless merged.'),
    mergedAt: isoTime('When it was merged.').nullable(),
    approvals: z
      .array(pullRequestApprovalSchema)
      .describe(
        "Each reviewer's latest review, where it approves; the author's own reviews do not count.",
      ),
    checks: z
      .array(pullRequestCheckSchema)
      .describe('The check runs on the head commit.'),
    readAt: isoTime('When the snapshot was read.'),
  })
  .strict();

/** @public */
export type PullRequestSnapshot = z.infer<typeof pullRequestSnapshotSchema>;

/** @public */
export const pullRequestWarningSchema = z
  .object({
    code: z.enum([
      'repository-not-affected',
      'not-merged',
      'failing-checks',
      'pending-checks',
      'no-approval',
      'commit-mismatch',
    ]),
    message: z.string(),
  })
  .strict();

/** @public */
export type PullRequestWarning = z.infer<typeof pullRequestWarningSchema>;

/** Conclusions that are not a pass (GitHub's check run conclusions). */
const FAILING = [
  'failure',
  'timed_out',
  'cancelled',
  'action_required',
  'startup_failure',
];

/** The checks that failed, and those not finished yet. */
export function checkOutcome(snapshot: PullRequestSnapshot) {
  return {
    failing: snapshot.checks.filter(
      c => c.conclusion !== null && FAILING.includes(c.conclusion),
    ),
    pending: snapshot.checks.filter(c => c.status !== 'completed'),
  };
}

/**
 * The check runs in words, "<name>: <conclusion>" (or the status until
 * completed), separated by ", ": as the evidence packet and the export
 * write them.
 *
 * @public
 */
export function checkConclusions(snapshot: PullRequestSnapshot): string {
  return snapshot.checks
    .map(c => `${c.name}: ${c.conclusion ?? c.status}`)
    .join(', ');
}

/**
 * The logins whose approving review counted, separated by ", ".
 *
 * @public
 */
export function approverLogins(snapshot: PullRequestSnapshot): string {
  return snapshot.approvals.map(a => a.reviewer).join(', ');
}

/**
 * A PR in a repository that none of the affected entities names through
 * `github.com/project-slug` is a warning, never a refusal: the link may be
 * right and the catalog behind. Entities without the annotation say
 * nothing, so no entity with it means no warning.
 *
 * @public
 */
export function pullRequestRepositoryWarnings(
  url: string | undefined,
  projectSlugs: string[],
): PullRequestWarning[] {
  const pr = url ? parsePullRequestUrl(url) : undefined;
  if (!pr || projectSlugs.length === 0) return [];
  const repository = `${pr.owner}/${pr.repo}`.toLowerCase();
  if (projectSlugs.some(s => s.toLowerCase() === repository)) return [];
  return [
    {
      code: 'repository-not-affected',
      message: `The pull request is in ${pr.owner}/${
        pr.repo
      }, a repository none of the affected entities names (${GITHUB_PROJECT_SLUG_ANNOTATION}: ${projectSlugs.join(
        ', ',
      )})`,
    },
  ];
}

/**
 * What the CTO should know of the PR before signing: not merged, failing
 * or unfinished checks, no approval by someone other than its author, and
 * a deployed commit that is neither its merge nor its head commit.
 *
 * @public
 */
export function pullRequestWarnings(
  snapshot: PullRequestSnapshot,
  deployedSha?: string,
): PullRequestWarning[] {
  const warnings: PullRequestWarning[] = [];
  const { failing, pending } = checkOutcome(snapshot);
  if (snapshot.state !== 'merged') {
    warnings.push({
      code: 'not-merged',
      message: `Pull request #${snapshot.number} is ${snapshot.state}, not merged`,
    });
  }
  if (failing.length) {
    warnings.push({
      code: 'failing-checks',
      message: `Checks failing on the head commit: ${failing
        .map(c => `${c.name} (${c.conclusion})`)
        .join(', ')}`,
    });
  }
  if (pending.length) {
    warnings.push({
      code: 'pending-checks',
      message: `Checks not finished on the head commit: ${pending
        .map(c => c.name)
        .join(', ')}`,
    });
  }
  if (snapshot.approvals.length === 0) {
    warnings.push({
      code: 'no-approval',
      message: `Pull request #${snapshot.number} has no approving review by someone other than its author`,
    });
  }
  if (
    deployedSha &&
    !commitMatches(deployedSha, snapshot.mergeSha ?? snapshot.headSha)
  ) {
    warnings.push({
      code: 'commit-mismatch',
      message: `The deployed commit ${deployedSha.slice(
        0,
        12,
      )} is not the pull request's ${
        snapshot.mergeSha ? 'merge' : 'head'
      } commit ${(snapshot.mergeSha ?? snapshot.headSha).slice(0, 12)}`,
    });
  }
  return warnings;
}

/** A full or abbreviated SHA (7+ characters) against a full one. */
function commitMatches(sha: string, full: string) {
  const a = sha.toLowerCase();
  return a.length >= 7 && full.toLowerCase().startsWith(a);
}

/**
 * A change's pull request on its page: the last snapshot read, and what
 * the CTO should know of it.
 *
 * @public
 */
export const changePullRequestSchema = z
  .object({
    url: z
      .string()
      .nullable()
      .describe('The pull request the change links; null for none.'),
    reader: z
      .boolean()
      .describe(
        'Whether a module reads pull requests (the GitHub module, with verifyPullRequests); without one nothing is read.',
      ),
    snapshot: pullRequestSnapshotSchema
      .nullable()
      .describe('The last snapshot read; null until one is read.'),
    warnings: z.array(pullRequestWarningSchema),
    problem: z
      .string()
      .optional()
      .describe('Why the last refresh could not read the pull request.'),
    deployedSha: z
      .string()
      .optional()
      .describe('The commit the last deploy recorded, if it recorded one.'),
  })
  .strict();

/** @public */
export type ChangePullRequest = z.infer<typeof changePullRequestSchema>;

/**
 * The config rules that turn two of the CTO's warnings into refusals at
 * sign-off and deploy (`changeManagement.github.requireMergedPullRequest`,
 * `requireGreenChecks`; both off by default).
 *
 * @public
 */
export interface PullRequestRules {
  requireMergedPullRequest: boolean;
  requireGreenChecks: boolean;
}

/** The actions the rules hold back: the production sign-off and the deploy. */
const RULED_ACTIONS: readonly string[] = ['sign-off', 'deploy'];

/**
 * Why a rule refuses the action, naming the rule; undefined when none
 * does. A PR that could not be read cannot show that it satisfies a rule.
 *
 * @public
 */
export function pullRequestRuleRefusal(
  action: ChangeAction,
  pullRequestUrl: string | undefined,
  snapshot: PullRequestSnapshot | undefined,
  rules: PullRequestRules,
): string | undefined {
  if (!RULED_ACTIONS.includes(action) || !pullRequestUrl) return undefined;
  const on = [
    rules.requireMergedPullRequest && 'requireMergedPullRequest',
    rules.requireGreenChecks && 'requireGreenChecks',
  ].filter(Boolean);
  if (on.length === 0) return undefined;
  if (!snapshot) {
    return `changeManagement.github.${on[0]}: the pull request could not be read, so it cannot be shown to satisfy the rule`;
  }
  if (rules.requireMergedPullRequest && snapshot.state !== 'merged') {
    return `changeManagement.github.requireMergedPullRequest: pull request #${snapshot.number} is ${snapshot.state}, not merged`;
  }
  const { failing, pending } = checkOutcome(snapshot);
  if (rules.requireGreenChecks && (failing.length || pending.length)) {
    return `changeManagement.github.requireGreenChecks: ${[
      ...failing,
      ...pending,
    ]
      .map(c => `${c.name} (${c.conclusion ?? c.status})`)
      .join(', ')} on the head commit of pull request #${snapshot.number} ${
      failing.length ? 'failed' : 'has not finished'
    }`;
  }
  return undefined;
}
