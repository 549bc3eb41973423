import {
  ChangeListItem,
  PullRequestSnapshot,
} from '@trove/backstage-plugin-change-management-common';

/** A standard change awaiting the CTO's approval, for list tests. */
export function aChange(
  overrides: Partial<ChangeListItem> = {},
): ChangeListItem {
  return {
    id: '0e5b9a4c-5c1f-4d5e-9a55-1f2f3c4d5e6f',
    type: 'standard',
    state: 'awaiting_approval',
    version: 3,
    title: 'Upgrade the PSP SDK',
    description: 'what and why',
    risks: 'refunds',
    testingNotes: 'unit tests',
    affectedEntityRefs: ['component:default/payments-service'],
    affectedSystemRefs: ['system:default/payments'],
    createdBy: 'user:default/alice',
    createdAt: '2026-03-01T10:00:00.000Z',
    updatedAt: '2026-03-01T10:00:00.000Z',
    exceptions: [],
    overdue: false,
    ...overrides,
  };
}

/**
 * Issue 20: PR #42 as the server keeps it: open, approved by bob, its
 * `test` check failing.
 */
export function aPullRequest(
  overrides: Partial<PullRequestSnapshot> = {},
): PullRequestSnapshot {
  return {
    url: 'https://github.com/acme/payments/pull/42',
    repository: 'acme/payments',
    number: 42,
    title: 'Upgrade the PSP SDK to v5',
    state: 'open',
    author: 'alice',
    headSha: 'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391',
    mergeSha: null,
    mergedAt: null,
    approvals: [{ reviewer: 'bob', at: '2026-03-01T11:00:00.000Z' }],
    checks: [
      {
        name: 'test',
        status: 'completed',
        conclusion: 'failure',
        at: '2026-03-01T11:30:00.000Z',
      },
    ],
    readAt: '2026-03-01T12:00:00.000Z',
    ...overrides,
  };
}
