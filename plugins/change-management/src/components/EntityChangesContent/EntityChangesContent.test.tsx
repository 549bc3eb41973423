import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ChangeManagementApi } from '../../api';
import { aChange } from '../../__testUtils__/changes';
import { anEntityMetrics } from '../../__testUtils__/metrics';
import { renderWithCatalog } from '../../__testUtils__/renderWithCatalog';
import { EntityChangesContent } from './EntityChangesContent';

const system: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'payments', namespace: 'default' },
  spec: {},
};

const change = aChange({
  type: 'emergency',
  incident: { ref: 'INC-1042', severity: 'P1' },
  retrospectiveDueAt: '2026-03-03T10:00:00.000Z',
  overdue: true,
});

const open = { frozen: false, timeZone: 'UTC' };

function renderWith(
  api: Partial<ChangeManagementApi>,
  entity = system,
  routeEntries?: string[],
) {
  return renderWithCatalog(
    <EntityProvider entity={entity}>
      <EntityChangesContent />
    </EntityProvider>,
    // The metrics below the list have tests of their own; the lockdown
    // banner (issue 24) asks for the lockdowns over the entity.
    {
      getEntityMetrics: async () => anEntityMetrics(),
      listLockdowns: async () => ({ items: [], canDeclare: false }),
      ...api,
    },
    routeEntries,
  );
}

// Names arrive from the catalog a moment after the rows; the machine is slow.
jest.setTimeout(30_000);

describe('EntityChangesContent', () => {
  afterEach(() => jest.restoreAllMocks());

  it("lists a System's changes, through which part, and its metrics", async () => {
    const api = {
      listChanges: jest.fn().mockResolvedValue({ items: [change] }),
      getFreeze: jest.fn().mockResolvedValue(open),
      getEntityMetrics: jest.fn().mockResolvedValue(anEntityMetrics()),
    };
    await renderWith(api);

    expect(await screen.findByText('Upgrade the PSP SDK')).toBeInTheDocument();
    const row = screen.getByText('Upgrade the PSP SDK').closest('tr')!;
    expect(within(row).getByText('Awaiting approval')).toBeInTheDocument();
    expect(
      await within(row).findByText('Payments service'),
    ).toBeInTheDocument();
    expect(within(row).getByText('Retrospective overdue')).toBeInTheDocument();
    expect(
      within(row).getByRole('link', { name: 'Upgrade the PSP SDK' }),
    ).toHaveAttribute('href', `/change-management/changes/${change.id}`);
    expect(
      screen.getAllByRole('button', { name: 'Raise a change' }),
    ).toHaveLength(1);
    expect(api.listChanges).toHaveBeenCalledTimes(1);
    expect(api.getFreeze).toHaveBeenCalledTimes(1);
    expect(api.getFreeze).toHaveBeenCalledWith({
      entityRef: 'system:default/payments',
    });
    // Below the list, the System's delivery metrics, with its parts'.
    expect(await screen.findByText('Delivery metrics')).toBeInTheDocument();
    expect(api.getEntityMetrics).toHaveBeenCalledTimes(1);
    expect(api.getEntityMetrics).toHaveBeenCalledWith(
      expect.objectContaining({ entityRef: 'system:default/payments' }),
    );
    expect(api.listChanges).toHaveBeenCalledWith(
      expect.objectContaining({
        entityRef: 'system:default/payments',
        limit: 25,
      }),
    );
  });

  it('filters by state and pages with the cursor', async () => {
    const api = {
      listChanges: jest
        .fn()
        .mockResolvedValueOnce({ items: [change], nextCursor: 'c2' })
        .mockResolvedValue({
          items: [{ ...change, id: 'second', title: 'Second page' }],
        }),
      getFreeze: jest.fn().mockResolvedValue(open),
    };
    await renderWith(api);
    await screen.findByText(change.title);
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(await screen.findByText('Second page')).toBeInTheDocument();
    expect(api.listChanges).toHaveBeenLastCalledWith(
      expect.objectContaining({ cursor: 'c2' }),
    );

    await userEvent.click(
      screen.getByRole('button', { name: 'State All states' }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'Deployed' }),
    );
    expect(api.listChanges).toHaveBeenLastCalledWith(
      expect.objectContaining({ states: ['deployed'], cursor: undefined }),
    );
  });

  it('names the freeze window when deploys are frozen', async () => {
    await renderWith({
      listChanges: jest.fn().mockResolvedValue({ items: [change] }),
      getFreeze: jest.fn().mockResolvedValue({
        frozen: true,
        timeZone: 'UTC',
        window: {
          start: '2026-10-01T00:00:00.000Z',
          end: '2027-01-01T00:00:00.000Z',
        },
      }),
    });
    expect(
      await screen.findByText(
        /^Warning: Deployment freeze: 2026-10-01 to 2026-12-31 \(UTC\)$/,
      ),
    ).toBeInTheDocument();
  });

  it('invites the first change when there are none', async () => {
    await renderWith({
      listChanges: jest.fn().mockResolvedValue({ items: [] }),
      getFreeze: jest.fn().mockResolvedValue(open),
    });
    expect(await screen.findByText('No changes yet')).toBeInTheDocument();
    // The entity by its name, not its ref.
    expect(
      screen.getByText(
        'Changes raised against payments or anything that is part of it will be listed here, with their reviews, approvals and deployments.',
      ),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Raise a change' }),
    );
    expect(
      await screen.findByRole('dialog', { name: 'Raise a change' }),
    ).toBeInTheDocument();
  });

  it('shows a failure', async () => {
    await renderWith({
      listChanges: jest.fn().mockRejectedValue(new Error('backend down')),
      getFreeze: jest.fn().mockResolvedValue(open),
    });
    expect(await screen.findByText('Error: backend down')).toBeInTheDocument();
  });

  it('shows progress while loading', async () => {
    await renderWith({
      listChanges: () => new Promise(() => {}),
      getFreeze: jest.fn().mockResolvedValue(open),
    });
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it("exports what the System's tab shows, by its filters, named after them", async () => {
    const second = aChange({
      ...change,
      id: '7a1d2e3f-0000-4000-8000-000000000009',
      title: 'Hotfix: refunds failing with 500',
    });
    const exportChangeLog = jest
      .fn()
      .mockResolvedValue({ blob: new Blob(['ID\n']) });
    URL.createObjectURL = jest.fn(() => 'blob:x');
    URL.revokeObjectURL = jest.fn();
    const clicked: HTMLAnchorElement[] = [];
    jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function record(this: HTMLAnchorElement) {
        clicked.push(this);
      });
    await renderWith(
      {
        listChanges: jest.fn().mockResolvedValue({ items: [change, second] }),
        getFreeze: jest.fn().mockResolvedValue(open),
        exportChangeLog,
      },
      system,
      ['/?type=emergency'],
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Export these 2 changes' }),
    );

    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(exportChangeLog).toHaveBeenCalledWith({
      entityRef: 'system:default/payments',
      type: 'emergency',
    });
    expect(clicked[0].download).toBe(
      'change-log-system-default-payments-emergency.csv',
    );
  });

  it('offers no export on a component', async () => {
    await renderWith(
      {
        listChanges: jest.fn().mockResolvedValue({ items: [change] }),
        getFreeze: jest.fn().mockResolvedValue(open),
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'payments-service', namespace: 'default' },
        spec: {},
      },
    );
    expect(await screen.findByText(change.title)).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /^Export/ }),
    ).not.toBeInTheDocument();
  });

  it("shows the System's calendar as its second view, kept in the URL", async () => {
    const api = {
      listChanges: jest.fn().mockResolvedValue({ items: [change] }),
      getFreeze: jest.fn().mockResolvedValue(open),
      getCalendar: jest.fn(async (query: { from: string; to: string }) => ({
        from: query.from,
        to: query.to,
        windows: [
          {
            kind: 'freeze' as const,
            start: query.from,
            end: query.to,
            title: 'Freeze: Peak season',
          },
        ],
        changes: [],
      })),
    };
    await renderWith(api);
    expect(await screen.findByText(change.title)).toBeInTheDocument();
    expect(api.getCalendar).not.toHaveBeenCalled();

    await userEvent.click(screen.getByRole('tab', { name: 'Calendar' }));
    expect(
      (
        await screen.findAllByText(
          'Freeze: Peak season',
          {},
          { timeout: 10_000 },
        )
      ).length,
    ).toBeGreaterThan(0);
    expect(api.getCalendar).toHaveBeenCalledTimes(1);
    expect(api.getCalendar).toHaveBeenCalledWith(
      expect.objectContaining({ entityRef: 'system:default/payments' }),
    );
    expect(screen.queryByText(change.title)).not.toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Calendar' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
  });

  it('opens on the calendar when the URL asks for it', async () => {
    const api = {
      listChanges: jest.fn().mockResolvedValue({ items: [change] }),
      getFreeze: jest.fn().mockResolvedValue(open),
      getCalendar: jest.fn(async (query: { from: string; to: string }) => ({
        ...query,
        windows: [],
        changes: [],
      })),
    };
    await renderWith(api, system, ['/?show=calendar']);
    await waitFor(() => expect(api.getCalendar).toHaveBeenCalledTimes(1), {
      timeout: 10_000,
    });
    expect(api.listChanges).not.toHaveBeenCalled();
  });
});
