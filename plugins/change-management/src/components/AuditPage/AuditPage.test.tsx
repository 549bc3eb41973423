import { DefaultEntityPresentationApi } from '@backstage/plugin-catalog';
import {
  catalogApiRef,
  entityPresentationApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { lightTheme } from '@backstage/theme';
import {
  decomposeColor,
  getContrastRatio,
  recomposeColor,
} from '@material-ui/core/styles';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SWRConfig } from 'swr';
import { ChangeManagementApi, changeManagementApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { formatTime } from '../format';
import { AuditPage } from './AuditPage';

jest.setTimeout(30_000);

const HASH = 'ab'.repeat(32);

function fakeApi(overrides: Partial<ChangeManagementApi> = {}) {
  return {
    getAuditCounts: jest.fn().mockResolvedValue({
      from: '2026-01-01T00:00:00.000Z',
      to: '2026-07-01T00:00:00.000Z',
      changes: 3,
      byType: { standard: 2, emergency: 1, infrastructure: 0 },
      productionDeploys: 2,
      exceptions: {
        'waived-review': 2,
        'self-approval': 0,
        'freeze-override': 1,
        'late-retrospective': 0,
        'missing-retrospective': 0,
        'not-verified': 0,
        'failed-verification': 0,
        'rolled-back': 1,
      },
    }),
    getAuditExceptions: jest.fn().mockResolvedValue({
      items: [
        {
          changeId: 'c1',
          title: 'Upgrade the PSP SDK',
          changeType: 'standard',
          kind: 'waived-review',
          at: '2026-03-02T10:00:00.000Z',
          actor: 'user:default/carol',
          detail: 'On call',
        },
        {
          changeId: 'c2',
          title: 'Hotfix: refunds failing',
          changeType: 'emergency',
          kind: 'freeze-override',
          at: '2026-03-05T10:00:00.000Z',
          actor: 'user:default/alice',
          // As recorded, for programs; the page words it from the facts.
          detail:
            'Emergency deployed while production was frozen from 2026-03-01 to 2026-03-31 (UTC), on the CTO approval of user:default/carol at 2026-03-05T09:00:00.000Z',
          facts: {
            window: {
              start: '2026-03-01T00:00:00.000Z',
              end: '2026-04-01T00:00:00.000Z',
              timeZone: 'UTC',
            },
            approval: {
              by: 'user:default/carol',
              at: '2026-03-05T09:00:00.000Z',
            },
          },
        },
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
    downloadAuditSample: jest
      .fn()
      .mockResolvedValue({ blob: new Blob(['PK']) }),
    exportChangeLog: jest.fn(),
    getAuditEvidencePage: jest
      .fn()
      .mockResolvedValue(new Blob(['<!doctype html>'])),
    ...overrides,
  };
}

async function renderPage(
  api: Partial<ChangeManagementApi>,
  authorize:
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
) {
  const catalogApi = new InMemoryCatalogClient({
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
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'User',
        metadata: { name: 'carol', namespace: 'default' },
        spec: { profile: { displayName: 'Carol Chen' } },
      },
    ],
  });
  const rendered = await renderInTestApp(
    <TestApiProvider
      apis={[
        [changeManagementApiRef, api],
        [permissionApiRef, mockApis.permission({ authorize })],
        [catalogApiRef, catalogApi],
        [
          entityPresentationApiRef,
          DefaultEntityPresentationApi.create({ catalogApi }),
        ],
      ]}
    >
      {/* usePermission caches its answers: a cache of this render's own. */}
      <SWRConfig value={{ provider: () => new Map() }}>
        <AuditPage />
      </SWRConfig>
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/change-management': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
  if (authorize === AuthorizeResult.ALLOW) {
    await screen.findByLabelText('From');
  }
  return rendered;
}

/** A colour as the page draws it over `background`: its alpha blended in. */
function drawnOver(color: string, background: string): string {
  const { values } = decomposeColor(color);
  const under = decomposeColor(background).values;
  const alpha = values[3] ?? 1;
  return recomposeColor({
    type: 'rgb',
    values: [0, 1, 2].map(i =>
      Math.round(values[i] * alpha + under[i] * (1 - alpha)),
    ) as [number, number, number],
  });
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

  it('labels the dates at WCAG AA contrast (4.5:1) on the page', async () => {
    await renderPage(fakeApi());
    // The page under the labels: the theme's, and the app background
    // (--bui-bg-app) that the new frontend system paints in light mode.
    const pages = [lightTheme.palette.background.default, '#f5f5f5'];
    const contrasts = ['From', 'To'].flatMap(label => {
      const text = screen.getByText(label, { selector: 'label' });
      const { color } = window.getComputedStyle(text);
      return pages.map(page => getContrastRatio(drawnOver(color, page), page));
    });
    expect(Math.min(...contrasts)).toBeGreaterThanOrEqual(4.5);
  });

  it('tells whoever lacks the audit permission, and asks the API nothing', async () => {
    const api = fakeApi();
    await renderPage(api, AuthorizeResult.DENY);
    expect(
      await screen.findByText(/for the CTO and the auditors/),
    ).toBeInTheDocument();
    expect(screen.queryByLabelText('From')).not.toBeInTheDocument();
    expect(api.getAuditCounts).not.toHaveBeenCalled();
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
      within(byKind).getByRole('row', { name: 'Waived review 2' }),
    ).toBeTruthy();
    expect(
      within(byKind).getByRole('row', { name: 'Freeze override 1' }),
    ).toBeTruthy();
    expect(
      within(byKind).getByRole('row', { name: 'Rolled back 1' }),
    ).toBeTruthy();
    // Kinds with none are left out.
    expect(within(byKind).getAllByRole('row')).toHaveLength(3);
    expect(api.getAuditCounts).toHaveBeenLastCalledWith({
      from: '2026-01-01',
      to: '2026-07-01',
    });
  });

  it('lists each exception with its change, when and who', async () => {
    const api = fakeApi();
    await renderPage(api);
    const table = await screen.findByRole('table', { name: 'Exceptions' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toHaveTextContent('Waived review');
    expect(rows[1]).toHaveTextContent('On call');
    expect(
      within(rows[1]).getByRole('link', { name: 'Upgrade the PSP SDK' }),
    ).toHaveAttribute('href', '/change-management/changes/c1');
    expect(rows[2]).toHaveTextContent('Freeze override');
  });

  it('words each exception for people: names and their own times, never refs', async () => {
    await renderPage(fakeApi());
    const table = await screen.findByRole('table', { name: 'Exceptions' });
    const override = within(table).getAllByRole('row')[2];
    await waitFor(() =>
      expect(override).toHaveTextContent(
        `Deployed while production was frozen from 2026-03-01 to 2026-03-31 (UTC), relying on the CTO approval of Carol Chen at ${formatTime(
          '2026-03-05T09:00:00.000Z',
        )}.`,
      ),
    );
    expect(override).not.toHaveTextContent(/user:default|\dT\d/);
  });

  it('opens a change’s evidence packet in a new tab', async () => {
    const tab = { location: { href: '' }, close: jest.fn() };
    const open = jest.spyOn(window, 'open').mockReturnValue(tab as any);
    const api = fakeApi();
    await renderPage(api);
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Open the evidence of Hotfix: refunds failing',
      }),
    );
    await waitFor(() => expect(tab.location.href).toBe('blob:evidence'));
    expect(open).toHaveBeenCalledWith('', '_blank');
    expect(api.getAuditEvidencePage).toHaveBeenCalledWith('c2');
    const [page] = (URL.createObjectURL as jest.Mock).mock.calls[0];
    expect(page.type).toBe('text/html');
  });

  it('says when a period has no exceptions', async () => {
    await renderPage(
      fakeApi({
        getAuditExceptions: jest.fn().mockResolvedValue({ items: [] }),
      }),
    );
    expect(
      await screen.findByText(/No exceptions in the period/),
    ).toBeInTheDocument();
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

    // Counts, exceptions and the sample are the System's, from the server.
    const scoped = {
      from: '2026-01-01',
      to: '2026-07-01',
      entityRef: 'system:default/payments',
    };
    await waitFor(() =>
      expect(api.getAuditCounts).toHaveBeenLastCalledWith(scoped),
    );
    expect(api.getAuditExceptions).toHaveBeenLastCalledWith(scoped);
    await userEvent.click(
      screen.getByRole('button', { name: /Draw a sample/ }),
    );
    await waitFor(() =>
      expect(api.downloadAuditSample).toHaveBeenCalledWith(
        expect.objectContaining(scoped),
      ),
    );
  });

  it.each([
    ['the name the server gives it', 'from-server.zip', 'from-server.zip'],
    [
      'the same name when the server gives none',
      undefined,
      'audit-sample-2026-01-01-2026-07-01-soc2-2026.zip',
    ],
  ])(
    'draws a sample with a seed and downloads its evidence as a zip, under %s',
    async (_, fileName, expected) => {
      const blob = new Blob(['PK'], { type: 'application/zip' });
      const api = fakeApi({
        downloadAuditSample: jest.fn().mockResolvedValue({ blob, fileName }),
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
      expect(clicked[0].download).toBe(expected);
    },
  );

  it('downloads the change log under the name the server gives it, or its own', async () => {
    const csv = new Blob(['ID\n'], { type: 'text/csv' });
    const exportChangeLog = jest
      .fn()
      .mockResolvedValueOnce({
        blob: csv,
        fileName: 'change-log-2026-01-01.csv',
      })
      .mockResolvedValueOnce({ blob: csv });
    await renderPage(fakeApi({ exportChangeLog }));
    setDate('From', '2026-01-01');
    setDate('To', '2026-07-01');
    const button = screen.getByRole('button', {
      name: /Download the change log/,
    });

    await userEvent.click(button);
    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(clicked[0].download).toBe('change-log-2026-01-01.csv');

    await userEvent.click(button);
    await waitFor(() => expect(clicked).toHaveLength(2));
    expect(clicked[1].download).toBe('change-log-2026-01-01-2026-07-01.csv');
    expect(exportChangeLog).toHaveBeenCalledWith({
      from: '2026-01-01',
      to: '2026-07-01',
    });
  });

  it.each([
    ['equal', '2026-04-01', '2026-04-01', 'Must be after From'],
    ['reversed', '2026-05-01', '2026-04-01', 'Must be after From'],
    ['empty', '', '2026-04-01', 'Pick both dates'],
  ])(
    'refuses a period with From and To %s, and downloads nothing',
    async (_, from, to, message) => {
      const exportChangeLog = jest.fn();
      await renderPage(fakeApi({ exportChangeLog }));
      setDate('From', from);
      setDate('To', to);

      expect(screen.getByText(message)).toBeInTheDocument();
      expect(
        screen.getByRole('button', { name: /Download the change log/ }),
      ).toBeDisabled();
      expect(exportChangeLog).not.toHaveBeenCalled();
    },
  );

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
