import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SWRConfig } from 'swr';
import { ChangeManagementApi, changeManagementApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { AuditPage } from './AuditPage';

jest.setTimeout(30_000);

const HASH = 'ab'.repeat(32);

function fakeApi(overrides: Partial<ChangeManagementApi> = {}) {
  return {
    getChangeLog: jest.fn().mockResolvedValue([
      { id: 'c1', changeType: 'Standard', deployedToProduction: 'bob at x' },
      { id: 'c2', changeType: 'Emergency', deployedToProduction: 'bob at y' },
      { id: 'c3', changeType: 'Standard', deployedToProduction: '' },
    ]),
    getAuditExceptions: jest.fn().mockResolvedValue({
      items: [
        { kind: 'waived-review', changeId: 'c1' },
        { kind: 'freeze-override', changeId: 'c2' },
        { kind: 'waived-review', changeId: 'c3' },
        { kind: 'rolled-back', changeId: 'c9' },
      ],
    }),
    listChainCheckpoints: jest.fn().mockResolvedValue({
      items: [
        {
          eventId: 'e9',
          seq: 9,
          hash: HASH,
          at: '2026-06-10T09:00:00.000Z',
          createdAt: '2026-06-11T02:00:00.000Z',
        },
      ],
    }),
    verifyAuditTrail: jest.fn(),
    downloadAuditSample: jest.fn(),
    exportChangeLog: jest.fn(),
    ...overrides,
  };
}

async function renderPage(
  api: Partial<ChangeManagementApi>,
  authorize:
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
) {
  const rendered = await renderInTestApp(
    <TestApiProvider
      apis={[
        [changeManagementApiRef, api],
        [permissionApiRef, mockApis.permission({ authorize })],
        [
          catalogApiRef,
          catalogApiMock({
            entities: [
              {
                apiVersion: 'backstage.io/v1alpha1',
                kind: 'System',
                metadata: {
                  name: 'payments',
                  namespace: 'default',
                  title: 'Payments',
                },
              },
            ],
          }),
        ],
      ]}
    >
      {/* usePermission caches its answers: a cache of this render's own. */}
      <SWRConfig value={{ provider: () => new Map() }}>
        <AuditPage />
      </SWRConfig>
    </TestApiProvider>,
    { mountedRoutes: { '/change-management': rootRouteRef } },
  );
  if (authorize === AuthorizeResult.ALLOW) {
    await screen.findByLabelText('From');
  }
  return rendered;
}

const setDate = (label: string, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('AuditPage', () => {
  let clicked: HTMLAnchorElement[];

  beforeEach(() => {
    clicked = [];
    // jsdom has neither, and cannot follow a download link.
    Object.assign(URL, {
      createObjectURL: jest.fn(() => 'blob:evidence'),
      revokeObjectURL: jest.fn(),
    });
    jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function record(this: HTMLAnchorElement) {
        clicked.push(this);
      });
  });

  afterEach(() => jest.restoreAllMocks());

  it('tells whoever lacks the audit permission, and asks the API nothing', async () => {
    const api = fakeApi();
    await renderPage(api, AuthorizeResult.DENY);
    expect(
      await screen.findByText(/for the CTO and the auditors/),
    ).toBeInTheDocument();
    expect(screen.queryByLabelText('From')).not.toBeInTheDocument();
    expect(api.getChangeLog).not.toHaveBeenCalled();
    expect(api.listChainCheckpoints).not.toHaveBeenCalled();
  });

  it('counts the changes of the period by type, the deploys and the exceptions by kind', async () => {
    const api = fakeApi();
    await renderPage(api);
    setDate('From', '2026-01-01');
    setDate('To', '2026-07-01');

    expect(
      await screen.findByText('3 changes raised, 2 deployed to production.'),
    ).toBeInTheDocument();
    const byType = screen.getByRole('table', { name: 'Changes by type' });
    expect(
      within(byType).getByRole('row', { name: 'Standard 2' }),
    ).toBeTruthy();
    expect(
      within(byType).getByRole('row', { name: 'Emergency 1' }),
    ).toBeTruthy();
    const byKind = screen.getByRole('table', { name: 'Exceptions by kind' });
    expect(
      within(byKind).getByRole('row', { name: 'waived-review 2' }),
    ).toBeTruthy();
    expect(
      within(byKind).getByRole('row', { name: 'freeze-override 1' }),
    ).toBeTruthy();
    expect(
      within(byKind).getByRole('row', { name: 'rolled-back 1' }),
    ).toBeTruthy();
    expect(api.getChangeLog).toHaveBeenLastCalledWith({
      from: '2026-01-01',
      to: '2026-07-01',
    });
  });

  it('narrows the period to a System picked by name', async () => {
    const api = fakeApi();
    await renderPage(api);
    setDate('From', '2026-01-01');
    setDate('To', '2026-07-01');
    await userEvent.click(screen.getByLabelText('System'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Payments' }),
    );

    await waitFor(() =>
      expect(api.getChangeLog).toHaveBeenLastCalledWith({
        from: '2026-01-01',
        to: '2026-07-01',
        entityRef: 'system:default/payments',
      }),
    );
    // Exceptions come for the whole period; only the System's changes count.
    expect(api.getAuditExceptions).toHaveBeenLastCalledWith({
      from: '2026-01-01',
      to: '2026-07-01',
    });
    await waitFor(() =>
      expect(
        screen.queryByRole('row', { name: 'rolled-back 1' }),
      ).not.toBeInTheDocument(),
    );
    expect(screen.getByRole('row', { name: 'waived-review 2' })).toBeTruthy();
  });

  it('draws a sample with a seed and downloads its evidence as a zip', async () => {
    const zip = new Blob(['PK'], { type: 'application/zip' });
    const api = fakeApi({
      downloadAuditSample: jest.fn().mockResolvedValue(zip),
    });
    await renderPage(api);
    setDate('From', '2026-01-01');
    setDate('To', '2026-07-01');
    fireEvent.change(screen.getByLabelText('Sample size'), {
      target: { value: '5' },
    });
    fireEvent.change(screen.getByLabelText('Seed'), {
      target: { value: 'soc2-2026' },
    });
    await userEvent.click(
      screen.getByRole('button', { name: /Draw a sample/ }),
    );

    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(api.downloadAuditSample).toHaveBeenCalledWith({
      from: '2026-01-01',
      to: '2026-07-01',
      size: 5,
      seed: 'soc2-2026',
    });
    expect(clicked[0].download).toBe('audit-sample-2026-01-01-2026-07-01.zip');
  });

  it('refuses a sample size that is not a whole number', async () => {
    await renderPage(fakeApi());
    fireEvent.change(screen.getByLabelText('Sample size'), {
      target: { value: '0' },
    });
    expect(screen.getByText('From 1 to 200')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: /Draw a sample/ }),
    ).toBeDisabled();
  });

  it('shows the last checkpoints, and the verification on demand', async () => {
    const api = fakeApi({
      verifyAuditTrail: jest.fn().mockResolvedValue({
        ok: false,
        checked: 41,
        badChangeId: 'c7',
        problem: 'Change c7 differs from what its events record, in: state',
      }),
    });
    await renderPage(api);
    const checkpoints = await screen.findByRole('table', {
      name: 'Last checkpoints',
    });
    expect(within(checkpoints).getByText(HASH)).toBeInTheDocument();
    expect(api.verifyAuditTrail).not.toHaveBeenCalled();

    await userEvent.click(
      screen.getByRole('button', { name: /Verify the audit trail now/ }),
    );
    expect(
      await screen.findByText(/failed verification after 41 good events/),
    ).toHaveTextContent('Change c7 differs from what its events record');
    expect(
      screen.getByRole('link', { name: 'Open the change' }),
    ).toHaveAttribute('href', '/change-management/changes/c7');
  });

  it('says when the trail is intact', async () => {
    await renderPage(
      fakeApi({
        verifyAuditTrail: jest.fn().mockResolvedValue({
          ok: true,
          checked: 120,
          head: { eventId: 'e120', hash: HASH, at: '2026-06-10T09:00:00Z' },
        }),
      }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: /Verify the audit trail now/ }),
    );
    expect(
      await screen.findByText(/The audit trail is intact: 120 events verified/),
    ).toHaveTextContent(HASH);
  });
});
