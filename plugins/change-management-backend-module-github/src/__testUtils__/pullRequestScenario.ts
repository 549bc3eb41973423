/* eslint-disable @backstage/no-relative-monorepo-imports -- the tests drive the
   real backend with its own harness */
import { startChangeManagement } from '../../../change-management-backend/src/__testUtils__/harness';
import { sampleEntities } from '../../../change-management-backend/src/__testUtils__/sampleCatalog';
import { pullRequest } from '../__fixtures__/pullRequest';
import { checkRun, review } from '../__fixtures__/reviews';
import { changeManagementModuleGithub } from '../module';
import { fakeGithub } from './githubFake';

type Entity = (typeof sampleEntities)[number];

// Issue 20: one pull request, #42 of payments-service, as GitHub holds it
// in each test, and a change that links it taken to deploy.

export const REPO = 'acme/payments-service';
export const PR_42 = `https://github.com/${REPO}/pull/42`;
export const HEAD = 'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391';
export const MERGE = '9fceb02d0ae598e95dc970b74767f19372d61af8';

export const draft = {
  type: 'standard',
  title: 'Upgrade the PSP SDK to v5',
  description: 'Moves payments-service to PSP SDK v5 for 3DS2 support.',
  risks: 'Refund calls change shape; a mistake could fail refunds.',
  testingNotes: 'Unit tests and a local run against the PSP sandbox.',
  pullRequestUrl: PR_42,
  affectedEntityRefs: ['component:default/payments-service'],
};

/** The standard path from submit to deploy, each step by its actor. */
export const RUN = [
  ['alice', 'submit'],
  ['bob', 'review'],
  ['carol', 'approve'],
  ['alice', 'record-staging'],
  ['carol', 'sign-off'],
  ['bob', 'deploy'],
] as const;

export const FIELDS: Record<string, Record<string, unknown>> = {
  review: { comment: 'Looks good' },
  approve: { comment: 'Approved' },
  'record-staging': {
    functionalTested: true,
    regressionChecked: true,
    noUnexpectedSideEffects: true,
    stagingTested: 'yes',
  },
  'sign-off': { comment: 'Go' },
  deploy: { deploymentRef: 'https://ci.example.com/runs/7', commitSha: MERGE },
};

export const at = (minute: number) =>
  `2026-06-09T15:${String(minute).padStart(2, '0')}:00Z`;

/** GitHub holds PR #42 (merged by default) with these reviews and checks. */
export function githubHolds(
  github: ReturnType<typeof fakeGithub>,
  options: {
    merged?: boolean;
    reviews: Parameters<typeof review>[0]['state'][] | [string, string][];
    checks: Parameters<typeof checkRun>[0]['conclusion'][];
  },
) {
  const merged = options.merged ?? true;
  github.setRepository(REPO, [
    pullRequest({
      repository: REPO,
      number: 42,
      headSha: HEAD,
      mergeCommitSha: MERGE,
      state: merged ? 'closed' : 'open',
      mergedAt: merged ? '2026-06-09T16:00:00Z' : null,
    }),
  ]);
  github.setReviews(
    REPO,
    42,
    (options.reviews as [string, string][]).map(([reviewer, state], i) =>
      review({
        repository: REPO,
        number: 42,
        reviewer,
        state: state as any,
        submittedAt: at(10 + i),
        commitId: HEAD,
      }),
    ),
  );
  github.setCheckRuns(
    REPO,
    HEAD,
    options.checks.map((conclusion, i) =>
      checkRun({
        name: ['build', 'test', 'lint'][i],
        headSha: HEAD,
        conclusion,
        startedAt: at(20 + i),
        completedAt: at(30 + i),
      }),
    ),
  );
}

/** payments-service naming its repository, as the GitHub plugin reads it. */
export const withSlug = (slug: string): Entity[] =>
  sampleEntities.map(entity =>
    entity.metadata.name === 'payments-service'
      ? {
          ...entity,
          metadata: {
            ...entity.metadata,
            annotations: { 'github.com/project-slug': slug },
          },
        }
      : entity,
  );

/** The plugin with the GitHub module reading pull requests. */
export async function startWithGithub(options: {
  knex: Parameters<typeof startChangeManagement>[0]['knex'];
  entities?: Entity[];
  github?: Record<string, unknown>;
}) {
  return startChangeManagement({
    knex: options.knex,
    entities: options.entities,
    changeManagement: {
      roles: { cto: ['group:default/cto'] },
      github: { verifyPullRequests: true, ...options.github },
    },
    config: {
      app: { baseUrl: 'https://backstage.example.com' },
      integrations: {
        github: [{ host: 'github.com', token: 'ghs_test_token' }],
      },
      events: { useEventBus: 'never' },
    },
    extraFeatures: [changeManagementModuleGithub],
  });
}
