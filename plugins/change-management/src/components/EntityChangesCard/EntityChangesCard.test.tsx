import { Entity } from '@backstage/catalog-model';
import { lightTheme } from '@backstage/theme';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import {
  EntitySummary,
  FreezeStatus,
} from '@trove/backstage-plugin-change-management-common';
import { DateTime } from 'luxon';
import { changeManagementApiRef, ChangeManagementClient } from '../../api';
import { rootRouteRef } from '../../routes';
import { aChange } from '../../__testUtils__/changes';
import { EntityChangesCard } from './EntityChangesCard';

const baseUrl = 'http://localhost:7007/api/change-management';

const entityOf = (kind: string, name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec: {},
});

const service = entityOf('Component', 'payments-service');

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

const open: FreezeStatus = { frozen: false, timeZone: 'UTC', blackouts: [] };
const frozen: FreezeStatus = {
  frozen: true,
  timeZone: 'UTC',
  window: {
    start: '2026-10-01T00:00:00.000Z',
    end: '2027-01-01T00:00:00.000Z',
  },
  blackouts: [],
};

const nothing = (entityRef: string): EntitySummary => ({
  entityRef,
  inFlight: { items: [], total: 0 },
  overdue: { items: [], total: 0 },
});

const awaiting = aChange({ id: 'c-awaiting', title: 'Upgrade the PSP SDK' });
const hotfix = aChange({
  id: 'c-hotfix',
  type: 'emergency',
  state: 'deployed',
  title: 'Hotfix: refunds failing',
  deployed: { by: 'user:default/alice', at: '2026-06-10T09:00:00.000Z' },
  retrospectiveDueAt: '2026-06-12T09:00:00.000Z',
  overdue: true,
});

/**
 * The real client over a fetch that answers as the backend would: the
 * summary and the freeze, by path.
 */
function backend(answers: {
  summary: () => Promise<Response>;
  freeze?: () => Promise<Response>;
  /** Issue 24: the lockdowns over the entity, none by default. */
  lockdowns?: () => Promise<Response>;
}) {
  const fetch = jest.fn(async (url: RequestInfo | URL) => {
    const { pathname } = new URL(String(url));
    if (pathname.endsWith('/summary')) return answers.summary();
    if (pathname.endsWith('/freeze')) {
      return (answers.freeze ?? (async () => json(open)))();
    }
    if (pathname.endsWith('/lockdowns')) {
      return (answers.lockdowns ?? (async () => json({ items: [] })))();
    }
    throw new Error(`unexpected request ${url}`);
  });
  const client = new ChangeManagementClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: { fetch },
  });
  return { client, fetch };
}

async function renderCard(
  answers: Parameters<typeof backend>[0],
  entity = service,
) {
  const { client, fetch } = backend(answers);
  await renderInTestApp(
    <TestApiProvider apis={[[changeManagementApiRef, client]]}>
      <EntityProvider entity={entity}>
        <EntityChangesCard />
      </EntityProvider>
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/change-management': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
  return fetch;
}

const requested = (fetch: jest.Mock) =>
  fetch.mock.calls.map(([url]) => String(url).slice(baseUrl.length)).sort();

describe('EntityChangesCard', () => {
  it('shows the freeze, what is in flight, the overdue retrospectives in red and the last production change, in three calls', async () => {
    const summary: EntitySummary = {
      entityRef: 'component:default/payments-service',
      inFlight: { items: [awaiting, hotfix], total: 7 },
      overdue: { items: [hotfix], total: 1 },
      lastProductionChange: hotfix,
    };
    const fetch = await renderCard({
      summary: async () => json(summary),
      freeze: async () => json(frozen),
    });

    expect(
      await screen.findByText(
        /^Warning: Deployment freeze: 2026-10-01 to 2026-12-31 \(UTC\)$/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('In flight (7)')).toBeInTheDocument();
    expect(
      screen.getByText('Awaiting approval · Standard'),
    ).toBeInTheDocument();
    expect(screen.getByText('Deployed · Emergency')).toBeInTheDocument();
    expect(
      screen.getByText('The newest 2 of 7; the Changes tab lists them all.'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Upgrade the PSP SDK' }),
    ).toHaveAttribute('href', '/change-management/changes/c-awaiting');

    const overdue = screen.getByText(/^Retrospective overdue: it was due /);
    expect(overdue).toHaveTextContent(
      `it was due ${DateTime.fromISO(hotfix.retrospectiveDueAt!).toLocaleString(
        { ...DateTime.DATETIME_MED, timeZoneName: 'short' },
      )}`,
    );
    expect(lightTheme.palette.error.dark).not.toBe(
      lightTheme.palette.error.main,
    );
    expect(overdue).toHaveStyle({ color: lightTheme.palette.error.dark });
    expect(screen.getByText('Overdue retrospectives (1)')).toBeInTheDocument();

    const last = screen.getByText('Last production change').parentElement!;
    expect(
      within(last).getByRole('link', { name: 'Hotfix: refunds failing' }),
    ).toHaveAttribute('href', '/change-management/changes/c-hotfix');
    // The date names its time zone.
    expect(last).toHaveTextContent(
      /Deployed Jun 10, 2026, .+ [A-Z]{2,}.* by alice · Deployed/,
    );
    expect(within(last).getByRole('link', { name: 'alice' })).toHaveAttribute(
      'href',
      '/catalog/default/user/alice',
    );

    expect(requested(fetch)).toEqual([
      '/freeze?entityRef=component%3Adefault%2Fpayments-service',
      '/lockdowns?active=true&entityRef=component%3Adefault%2Fpayments-service',
      '/summary?entityRef=component%3Adefault%2Fpayments-service',
    ]);
  });

  it('shows a lockdown over the entity above its change debt', async () => {
    await renderCard({
      summary: async () =>
        json({
          entityRef: 'component:default/payments-service',
          inFlight: { items: [], total: 0 },
          overdue: { items: [], total: 0 },
        }),
      lockdowns: async () =>
        json({
          items: [
            {
              id: '00000000-0000-4000-8000-000000000001',
              entityRef: 'system:default/payments',
              reason: 'Incident INC-42',
              start: '2026-06-10T08:00:00.000Z',
              declaredBy: 'user:default/carol',
              declaredAt: '2026-06-10T08:00:00.000Z',
            },
          ],
        }),
    });
    expect(
      await screen.findByText(/Production lockdown: Incident INC-42/),
    ).toBeInTheDocument();
  });

  it('says through which part a change reached a System', async () => {
    await renderCard(
      {
        summary: async () =>
          json({
            ...nothing('system:default/payments'),
            inFlight: { items: [awaiting], total: 1 },
          }),
      },
      entityOf('System', 'payments'),
    );
    const item = (await screen.findByText(/^Awaiting approval · Standard/))
      .parentElement!;
    expect(item).toHaveTextContent(
      'Awaiting approval · Standard · via payments-service',
    );
    expect(
      within(item).getByRole('link', { name: 'payments-service' }),
    ).toHaveAttribute('href', '/catalog/default/component/payments-service');
    expect(
      screen.getByText('Nothing deployed to production yet.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No retrospective is overdue.'),
    ).toBeInTheDocument();
  });

  it('says so when the entity has no changes, and that production is open', async () => {
    const fetch = await renderCard({
      summary: async () => json(nothing('component:default/payments-service')),
    });
    expect(
      await screen.findByText(/^Nothing in flight, no retrospective owed/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No freeze or blackout: production deploys are open.'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/In flight/)).not.toBeInTheDocument();
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it("shows the server's error", async () => {
    await renderCard({
      summary: async () =>
        json(
          {
            error: {
              name: 'NotAllowedError',
              message: 'The permission policy does not let you read changes',
            },
            response: { statusCode: 403 },
          },
          403,
        ),
    });
    // The panel's title and its details both carry the server's message.
    expect(
      await screen.findAllByText(
        /The permission policy does not let you read changes/,
      ),
    ).not.toHaveLength(0);
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
  });

  it('shows progress while loading, having asked three times at most', async () => {
    const fetch = await renderCard({ summary: () => new Promise(() => {}) });
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
    expect(fetch.mock.calls.length).toBeLessThanOrEqual(3);
  });
});
