import { ChangeListItem } from '@trove/backstage-plugin-change-management-common';

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
