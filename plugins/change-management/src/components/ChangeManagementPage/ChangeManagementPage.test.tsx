import { configApiRef } from '@backstage/core-plugin-api';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  CalendarRequest,
  ChangeManagementApi,
  changeManagementApiRef,
} from '../../api';
import { catalogIndexRouteRef, rootRouteRef } from '../../routes';
import { aChange } from '../../__testUtils__/changes';
import { anOverview } from '../../__testUtils__/metrics';
import { renderWithCatalog } from '../../__testUtils__/renderWithCatalog';
import { fakeSignals } from '../../__testUtils__/signals';
import { ChangeManagementPage } from './ChangeManagementPage';

const change = aChange();

function fakeApi(overrides: Partial<ChangeManagementApi> = {}) {
  return {
    listChanges: jest.fn().mockResolvedValue({ items: [change] }),
    countQueues: jest
      .fn()
      .mockResolvedValue({ needsAction: 2, inFlight: 5, overdue: 1 }),
    getFreeze: jest.fn().mockResolvedValue({ frozen: false, timeZone: 'UTC' }),
    exportChangeLog: jest.fn().mockResolvedValue('id,title\n1,x\n'),
    // Issue 24: the lockdown panel asks for the active lockdowns.
    listLockdowns: jest.fn().mockResolvedValue({ items: [] }),
    ...overrides,
  };
}

async function renderPage(
  api: Partial<ChangeManagementApi>,
  routeEntries?: string[],
) {
  return renderWithCatalog(<ChangeManagementPage />, api, routeEntries);
}

const panel = () => screen.getByRole('tabpanel');

jest.setTimeout(30_000);

describe('ChangeManagementPage', () => {
  it('counts the queues and lists again when a change moves', async () => {
    const signals = fakeSignals();
    const countQueues = jest
      .fn()
      .mockResolvedValueOnce({ needsAction: 2, inFlight: 5, overdue: 1 })
      .mockResolvedValue({ needsAction: 3, inFlight: 5, overdue: 1 });
    const api = fakeApi({ countQueues });
    await renderWithCatalog(
      <ChangeManagementPage />,
      api,
      undefined,
      signals.api,
    );
    const mine = screen.getAllByRole('tab')[0];
    await waitFor(() => expect(mine).toHaveTextContent('My changes (2)'));

    await signals.send('change-management', { changeId: change.id });
    await waitFor(() => expect(mine).toHaveTextContent('My changes (3)'));
    expect(countQueues).toHaveBeenCalledTimes(2);
    expect(api.listChanges).toHaveBeenCalledTimes(2);
  });

  it('shows the four lists, the calendar and the overview, the first selected and counted, in three calls', async () => {
    const api = fakeApi();
    await renderPage(api);

    expect(
      screen.getByRole('heading', { name: 'Change management' }),
    ).toBeInTheDocument();
    const tabs = screen.getAllByRole('tab');
    await waitFor(() =>
      expect(tabs.map(t => t.textContent)).toEqual([
        'My changes (2)',
        'In flight (5)',
        'Overdue retrospectives (1)',
        'All',
        'Calendar',
        'Overview',
      ]),
    );
    expect(tabs[0]).toHaveAttribute('aria-selected', 'true');
    expect(tabs[0]).toHaveAttribute('aria-controls', panel().id);
    expect(panel()).toHaveAttribute('aria-labelledby', tabs[0].id);

    expect(
      await within(panel()).findByText('Upgrade the PSP SDK'),
    ).toBeInTheDocument();
    expect(api.listChanges).toHaveBeenCalledTimes(1);
    expect(api.listChanges).toHaveBeenCalledWith({
      needsActionByMe: true,
      order: 'due',
      limit: 25,
    });
    expect(api.countQueues).toHaveBeenCalledTimes(1);
    expect(api.getFreeze).toHaveBeenCalledTimes(1);
    expect(api.exportChangeLog).not.toHaveBeenCalled();
  });

  it('asks for the changes in flight', async () => {
    const api = fakeApi();
    await renderPage(api);
    await userEvent.click(screen.getByRole('tab', { name: /^In flight/ }));

    expect(screen.getByRole('tab', { name: /^In flight/ })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await waitFor(() =>
      expect(api.listChanges).toHaveBeenLastCalledWith({
        inFlight: true,
        order: 'due',
        limit: 25,
      }),
    );
  });

  it('asks for the overdue retrospectives', async () => {
    const api = fakeApi();
    await renderPage(api);
    await userEvent.click(
      screen.getByRole('tab', { name: /^Overdue retrospectives/ }),
    );

    await waitFor(() =>
      expect(api.listChanges).toHaveBeenLastCalledWith({
        overdue: true,
        order: 'due',
        limit: 25,
      }),
    );
  });

  it('lists all changes with filters and the export', async () => {
    const api = fakeApi();
    await renderPage(api);
    await userEvent.click(screen.getByRole('tab', { name: 'All' }));

    await waitFor(() =>
      expect(api.listChanges).toHaveBeenLastCalledWith({ limit: 25 }),
    );
    expect(within(panel()).getByLabelText('State')).toBeInTheDocument();
    expect(within(panel()).getByLabelText('Type')).toBeInTheDocument();
    expect(
      within(panel()).getByRole('button', { name: 'Export this change' }),
    ).toBeInTheDocument();
  });

  it('exports what All shows, with its filters in the request', async () => {
    const exportChangeLog = jest
      .fn()
      .mockResolvedValue({ blob: new Blob(['ID\n']), fileName: 'log.csv' });
    URL.createObjectURL = jest.fn(() => 'blob:x');
    URL.revokeObjectURL = jest.fn();
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation();
    const api = fakeApi({
      exportChangeLog,
      listChanges: jest.fn().mockResolvedValue({
        items: [change, aChange({ id: 'c2', title: 'Second' })],
      }),
    });
    await renderPage(api, ['/?tab=all&type=emergency&state=deployed&q=psp']);
    await userEvent.click(
      await within(panel()).findByRole('button', {
        name: 'Export these 2 changes',
      }),
    );

    await waitFor(() =>
      expect(exportChangeLog).toHaveBeenCalledWith({
        states: ['deployed'],
        type: 'emergency',
        search: 'psp',
      }),
    );
    jest.restoreAllMocks();
  });

  it('raises a change from the portal, its entities picked in the form', async () => {
    await renderPage(fakeApi());
    await userEvent.click(
      screen.getByRole('button', { name: 'Raise a change' }),
    );

    const dialog = await screen.findByRole('dialog', {
      name: 'Raise a change',
    });
    const entities = within(dialog).getByRole('textbox', {
      name: /Affected entities/,
    });
    expect(entities).toBeInTheDocument();
    expect(
      within(dialog).queryAllByRole('button', { name: /payments/i }),
    ).toEqual([]);
  });

  it("points an empty list to a service's Changes tab and to the SOP, not to a picture", async () => {
    const api = fakeApi({
      listChanges: jest.fn().mockResolvedValue({ items: [] }),
    });
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [changeManagementApiRef, api],
          [
            configApiRef,
            mockApis.config({
              data: {
                changeManagement: { sopUrl: 'https://example.com/sop' },
              },
            }),
          ],
        ]}
      >
        <ChangeManagementPage />
      </TestApiProvider>,
      {
        mountedRoutes: {
          '/change-management': rootRouteRef,
          '/catalog': catalogIndexRouteRef,
        },
      },
    );

    await within(panel()).findByText('Nothing needs your action');
    expect(
      within(panel()).getByRole('link', { name: 'the catalog' }),
    ).toHaveAttribute('href', '/catalog');
    const [service, sop] = within(panel()).getAllByRole('listitem');
    expect(service).toHaveTextContent(
      'Open your service in the catalog and its Changes tab',
    );
    expect(sop).toHaveTextContent('Change Management SOP');
    expect(
      within(panel()).getByRole('link', { name: /Change Management SOP/ }),
    ).toHaveAttribute('href', 'https://example.com/sop');
    expect(within(panel()).queryByRole('img')).not.toBeInTheDocument();
  });

  it('shows the arrows of the tabs on a phone, where they do not fit', async () => {
    const matchMedia = window.matchMedia;
    window.matchMedia = jest.fn().mockImplementation((query: string) => ({
      matches: query.includes('max-width'),
      media: query,
      addListener: jest.fn(),
      removeListener: jest.fn(),
      addEventListener: jest.fn(),
      removeEventListener: jest.fn(),
    }));
    try {
      await renderPage(fakeApi());
      const tabs = screen.getByRole('tablist').closest('.MuiTabs-root')!;
      // MUI gives its scroll arrows no role; "on" keeps them on a phone,
      // where "auto" hides them (MuiTabs-scrollButtonsDesktop).
      const arrows = tabs.querySelectorAll('.MuiTabs-scrollButtons');
      expect(arrows).toHaveLength(2);
      arrows.forEach(arrow =>
        expect(arrow).not.toHaveClass('MuiTabs-scrollButtonsDesktop'),
      );
    } finally {
      window.matchMedia = matchMedia;
    }
  });

  it('switches tabs with the keyboard', async () => {
    const api = fakeApi();
    await renderPage(api);
    screen.getByRole('tab', { name: /^My changes/ }).focus();
    await userEvent.keyboard('{ArrowRight}{Enter}');

    expect(screen.getByRole('tab', { name: /^In flight/ })).toHaveAttribute(
      'aria-selected',
      'true',
    );
  });

  it('shows the calendar of every change in its tab, with one request', async () => {
    const getCalendar = jest.fn(async (query: CalendarRequest) => ({
      from: query.from,
      to: query.to,
      windows: [],
      changes: [],
    }));
    const api = fakeApi({ getCalendar });
    await renderPage(api, ['/?tab=calendar']);

    expect(screen.getByRole('tab', { name: 'Calendar' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(
      await within(panel()).findByRole(
        'button',
        { name: 'Download .ics' },
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    await waitFor(() => expect(getCalendar).toHaveBeenCalledTimes(1));
    expect(getCalendar.mock.calls[0][0].entityRef).toBeUndefined();
    expect(api.listChanges).not.toHaveBeenCalled();
  });

  it('opens the tab named in the URL', async () => {
    const api = fakeApi();
    await renderPage(api, ['/?tab=overdue']);

    expect(
      screen.getByRole('tab', { name: /^Overdue retrospectives/ }),
    ).toHaveAttribute('aria-selected', 'true');
    await waitFor(() => expect(api.listChanges).toHaveBeenCalledTimes(1));
    expect(api.listChanges).toHaveBeenCalledWith({
      overdue: true,
      order: 'due',
      limit: 25,
    });
  });

  it('keeps the list in the URL, and starts another tab afresh', async () => {
    const api = fakeApi();
    await renderPage(api, ['/?tab=all&q=psp&state=draft']);

    expect(screen.getByRole('tab', { name: 'All' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await waitFor(() =>
      expect(api.listChanges).toHaveBeenCalledWith({
        states: ['draft'],
        search: 'psp',
        limit: 25,
      }),
    );
    await userEvent.click(screen.getByRole('tab', { name: /^My changes/ }));
    await waitFor(() =>
      expect(api.listChanges).toHaveBeenLastCalledWith({
        needsActionByMe: true,
        order: 'due',
        limit: 25,
      }),
    );
  });

  it('shows the tabs without counts when they cannot be counted', async () => {
    const api = fakeApi({
      countQueues: jest.fn().mockRejectedValue(new Error('counts down')),
    });
    await renderPage(api);

    expect(await within(panel()).findByText(change.title)).toBeInTheDocument();
    expect(screen.getAllByRole('tab').map(t => t.textContent)).toEqual([
      'My changes',
      'In flight',
      'Overdue retrospectives',
      'All',
      'Calendar',
      'Overview',
    ]);
  });

  it('opens the overview of every System in its tab', async () => {
    const getMetricsOverview = jest.fn().mockResolvedValue(anOverview());
    await renderPage(fakeApi({ getMetricsOverview }), ['/?tab=overview']);

    const table = await within(panel()).findByRole('table', {
      name: 'Systems',
    });
    expect(within(table).getByRole('link', { name: 'payments' })).toBeVisible();
    expect(getMetricsOverview).toHaveBeenCalledTimes(1);
  });

  it('explains itself in the support button', async () => {
    const api = fakeApi({
      listChanges: jest.fn().mockResolvedValue({ items: [] }),
    });
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [changeManagementApiRef, api],
          [
            configApiRef,
            mockApis.config({
              data: {
                app: { support: { url: 'https://example.com', items: [] } },
              },
            }),
          ],
        ]}
      >
        <ChangeManagementPage />
      </TestApiProvider>,
      { mountedRoutes: { '/change-management': rootRouteRef } },
    );
    await userEvent.click(screen.getByRole('button', { name: 'Support' }));

    expect(
      await screen.findByText(/Every change to production follows/),
    ).toBeInTheDocument();
  });

  it('shows the deployment freeze', async () => {
    const api = fakeApi({
      getFreeze: jest.fn().mockResolvedValue({
        frozen: true,
        timeZone: 'UTC',
        window: {
          start: '2026-10-01T00:00:00.000Z',
          end: '2027-01-01T00:00:00.000Z',
        },
      }),
    });
    await renderPage(api);

    expect(
      await screen.findByText(
        'Warning: Deployment freeze: 2026-10-01 to 2026-12-31 (UTC)',
      ),
    ).toBeInTheDocument();
  });

  it('shows no freeze banner outside a freeze', async () => {
    const api = fakeApi();
    await renderPage(api);

    await screen.findByText('Upgrade the PSP SDK');
    expect(screen.queryByText(/Deployment freeze/)).not.toBeInTheDocument();
  });

  it('says when nothing needs the user', async () => {
    const api = fakeApi({
      listChanges: jest.fn().mockResolvedValue({ items: [] }),
    });
    await renderPage(api);

    expect(
      await screen.findByText('Nothing needs your action'),
    ).toBeInTheDocument();
  });

  it('says when no retrospective is overdue', async () => {
    const api = fakeApi({
      listChanges: jest.fn().mockResolvedValue({ items: [] }),
    });
    await renderPage(api);
    await userEvent.click(
      screen.getByRole('tab', { name: /^Overdue retrospectives/ }),
    );

    expect(
      await screen.findByText('No overdue retrospectives'),
    ).toBeInTheDocument();
  });

  it('shows a failure of the list', async () => {
    const api = fakeApi({
      listChanges: jest.fn().mockRejectedValue(new Error('backend down')),
    });
    await renderPage(api);

    expect(await screen.findByText('Error: backend down')).toBeInTheDocument();
  });

  it('says when the freeze could not be checked', async () => {
    const api = fakeApi({
      getFreeze: jest.fn().mockRejectedValue(new Error('freeze down')),
    });
    await renderPage(api);

    expect(
      await screen.findByText('Error: Could not check the deployment freeze'),
    ).toBeInTheDocument();
  });

  it('shows progress while loading', async () => {
    const api = fakeApi({ listChanges: jest.fn(() => new Promise(() => {})) });
    await renderPage(api);

    expect(await within(panel()).findByRole('progressbar')).toBeInTheDocument();
    expect(
      within(panel()).queryByText('Upgrade the PSP SDK'),
    ).not.toBeInTheDocument();
  });
});
