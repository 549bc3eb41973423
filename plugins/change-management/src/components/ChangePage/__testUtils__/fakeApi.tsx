import { Entity } from '@backstage/catalog-model';
import {
  catalogApiRef,
  entityPresentationApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { DefaultEntityPresentationApi } from '@backstage/plugin-catalog';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import { ResponseError } from '@backstage/errors';
import { SignalApi, signalApiRef } from '@backstage/plugin-signals-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  ChangeDetail,
  ChangeView,
  deployVerdict,
  RefusalWindow,
  RiskPolicyName,
} from '@trove/backstage-plugin-change-management-common';
import { screen, within } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import {
  ChangeEvent,
  ChangeManagementApi,
  changeManagementApiRef,
} from '../../../api';
import { rootRouteRef } from '../../../routes';
import { ChangePage } from '../ChangePage';

export const standardChange: ChangeView = {
  id: 'c1',
  type: 'standard',
  state: 'awaiting_approval',
  version: 4,
  title: 'Upgrade the PSP SDK',
  description: 'Move to v5 because v4 is end of life',
  risks: 'Refunds may fail',
  testingNotes: 'Unit and contract tests',
  pullRequestUrl: 'https://github.com/acme/payments/pull/42',
  affectedEntityRefs: ['component:default/payments-service'],
  affectedSystemRefs: ['system:default/payments'],
  createdBy: 'user:default/alice',
  createdAt: '2026-03-01T10:00:00.000Z',
  updatedAt: '2026-03-02T10:00:00.000Z',
  reviewed: { by: 'user:default/bob', at: '2026-03-02T09:00:00.000Z' },
  exceptions: [],
  overdue: false,
  allowedActions: ['approve', 'request-changes', 'reject', 'cancel'],
};

export const emergencyChange: ChangeView = {
  id: 'c1',
  type: 'emergency',
  state: 'retrospective_done',
  version: 9,
  title: 'Hotfix checkout timeouts',
  description: 'Raise the PSP timeout; checkouts are failing',
  risks: 'Slower failures',
  testingNotes: 'Reproduced locally',
  incident: { ref: 'INC-7', severity: 'P1' },
  proposedFix: 'Timeout from 2s to 10s',
  affectedEntityRefs: ['component:default/checkout'],
  affectedSystemRefs: ['system:default/shop'],
  createdBy: 'user:default/alice',
  createdAt: '2026-10-05T10:00:00.000Z',
  updatedAt: '2026-10-09T10:00:00.000Z',
  approved: { by: 'user:default/carol', at: '2026-10-05T10:30:00.000Z' },
  deployed: {
    by: 'user:default/alice',
    at: '2026-10-05T11:00:00.000Z',
    deploymentRef: 'https://ci.example.com/runs/77',
  },
  postDeploymentVerified: 'yes',
  verified: { by: 'user:default/alice', at: '2026-10-05T12:00:00.000Z' },
  issuesEncountered: 'None after the deploy',
  retrospectiveDueAt: '2026-10-07T11:00:00.000Z',
  retrospective: {
    by: 'user:default/alice',
    at: '2026-10-08T09:00:00.000Z',
    whatChanged: 'The PSP timeout',
    why: 'The PSP got slower',
    approvalReceived: 'CTO on the incident call',
    late: true,
  },
  exceptions: [
    {
      kind: 'freeze-override',
      actor: 'user:default/alice',
      at: '2026-10-05T11:00:00.000Z',
      detail: 'Emergency deployed during the freeze 2026-10-01 to 2027-01-01',
    },
    {
      kind: 'late-retrospective',
      actor: 'user:default/alice',
      at: '2026-10-08T09:00:00.000Z',
      detail: 'Documented after the due time',
    },
  ],
  overdue: false,
  allowedActions: ['complete-review'],
};

export const standardEvents: ChangeEvent[] = [
  ['create', undefined, 'draft', 'alice', undefined],
  ['submit', 'draft', 'in_review', 'alice', undefined],
  ['review', 'in_review', 'awaiting_approval', 'bob', 'Looks good to me'],
].map(([action, fromState, toState, who, comment], i) => ({
  id: `e${i + 1}`,
  changeId: 'c1',
  seq: i + 1,
  action: action as ChangeEvent['action'],
  fromState: fromState as ChangeEvent['fromState'],
  toState: toState as ChangeEvent['toState'],
  actor: `user:default/${who}`,
  at: `2026-03-0${i + 1}T10:00:00.000Z`,
  comment,
  fields: {},
  previousHash: String(i).padStart(64, '0'),
  hash: String(i + 1).padStart(64, '0'),
}));

/** The catalog the tests read names from. */
const user = (name: string, displayName: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { profile: { displayName } },
});
export const catalogEntities: Entity[] = [
  user('alice', 'Alice Adams'),
  user('bob', 'Bob Brown'),
  user('carol', 'Carol Chen (CTO)'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'payments-service',
      namespace: 'default',
      title: 'Payments service',
    },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'payments', namespace: 'default', title: 'Payments' },
  },
];

/**
 * The change as `GET /changes/:id` answers it: with the verdict on its
 * production deploy, judged as the server does, production closed by
 * `closure` when given.
 */
export function asDetail(
  change: ChangeView,
  closure?: RefusalWindow,
  riskPolicies: RiskPolicyName[] = [],
): ChangeDetail {
  return {
    ...change,
    deployVerdict: deployVerdict(change, 'production', closure),
    conflicts: [],
    riskPolicies,
  };
}

/** The pull request of a change, where no module reads pull requests. */
const notRead = (change: { pullRequestUrl?: string }) => ({
  url: change.pullRequestUrl ?? null,
  reader: false,
  snapshot: null,
  warnings: [],
});

export type FakeApi = {
  getChange: jest.Mock;
  listEvents: jest.Mock;
  act: jest.Mock;
  editChange: jest.Mock;
  getFreeze: jest.Mock;
  previewRisk: jest.Mock;
  getPullRequest: jest.Mock;
  refreshPullRequest: jest.Mock;
};

export function fakeApi(
  change: ChangeView = standardChange,
  events: ChangeEvent[] = standardEvents,
): FakeApi {
  return {
    getChange: jest.fn().mockResolvedValue(asDetail(change)),
    listEvents: jest.fn().mockResolvedValue({ items: events }),
    act: jest.fn().mockResolvedValue(change),
    editChange: jest.fn().mockResolvedValue(change),
    getFreeze: jest.fn().mockResolvedValue({ frozen: false, timeZone: 'UTC' }),
    // The raise form's risk, when an emergency is raised from the page.
    previewRisk: jest.fn().mockResolvedValue({}),
    getPullRequest: jest.fn().mockResolvedValue(notRead(change)),
    refreshPullRequest: jest.fn().mockResolvedValue(notRead(change)),
  };
}

/** The change page at /change-management/changes/c1, over a fake or a real client. */
export async function renderPage(
  api: FakeApi | ChangeManagementApi,
  signals?: SignalApi,
) {
  const catalogApi = new InMemoryCatalogClient({ entities: catalogEntities });
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [changeManagementApiRef, api as Partial<ChangeManagementApi>],
        [catalogApiRef, catalogApi],
        [
          entityPresentationApiRef,
          DefaultEntityPresentationApi.create({ catalogApi }),
        ],
        ...(signals ? [[signalApiRef, signals] as const] : []),
      ]}
    >
      <Routes>
        <Route path="/change-management/changes/:id" element={<ChangePage />} />
      </Routes>
    </TestApiProvider>,
    {
      routeEntries: ['/change-management/changes/c1'],
      mountedRoutes: {
        '/change-management': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
}

/**
 * An error as the API client throws it for a failed response: a Backstage
 * error body with the refusal's name and fields (docs/api.md, "Refusals").
 */
export function responseError(
  status: number,
  name: string,
  message: string,
  fields: Record<string, unknown> = {},
) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message, ...fields },
        response: { statusCode: status },
      }),
      { status, headers: { 'content-type': 'application/json' } },
    ),
  );
}

/** The text of a row of the change record. */
export function recordValue(label: string): string {
  // The row's header: a state chip may read the same ("Retrospective done").
  const header = screen
    .getAllByRole('cell', { name: label })
    .find(cell => cell.tagName === 'TH')!;
  return within(header.closest('tr')!).getAllByRole('cell')[1].textContent!;
}
