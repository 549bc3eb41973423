import fs from 'node:fs';
import { Entity } from '@backstage/catalog-model';
import { DefaultEntityPresentationApi } from '@backstage/plugin-catalog';
import {
  catalogApiRef,
  EntityProvider,
  entityPresentationApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { DateTime, Settings } from 'luxon';
import { ReactElement } from 'react';
import { changeManagementApiRef, ChangeManagementClient } from './api';
import { EntityChangesCard } from './components/EntityChangesCard';
import { EntityChangesContent } from './components/EntityChangesContent';
import { rootRouteRef } from './routes';
import { aChange } from './__testUtils__/changes';
import { anEntityMetrics } from './__testUtils__/metrics';
import { catalogFixture } from './__testUtils__/renderWithCatalog';

// What the Changes tab and the entity card ask for on first render, through
// the real client and the catalog's real entity presentation: the requests
// an entity page adds. `yarn bench` runs this file with FIRST_RENDER_OUT set
// and reports the lists it writes.

const baseUrl = 'http://localhost:7007/api/change-management';

const entity = (kind: string, name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec: {},
});

const json = (body: unknown) =>
  new Response(JSON.stringify(body), {
    headers: { 'Content-Type': 'application/json' },
  });

/** The backend's answers, by path, as the plugin's routes give them. */
function answer(url: URL): Response {
  const path = url.pathname.slice(new URL(baseUrl).pathname.length);
  const entityRef = url.searchParams.get('entityRef') ?? '';
  if (path === '/freeze') {
    return json({ frozen: false, timeZone: 'UTC', blackouts: [] });
  }
  if (path === '/changes') return json({ items: [aChange()] });
  if (path === '/metrics') return json(anEntityMetrics({ entityRef }));
  if (path === '/summary') {
    return json({
      entityRef,
      inFlight: { items: [aChange()], total: 1 },
      overdue: { items: [], total: 0 },
    });
  }
  throw new Error(`unexpected request ${url}`);
}

async function firstRender(element: ReactElement, of: Entity, shown: string[]) {
  const requests: string[] = [];
  const fetch = jest.fn(async (input: RequestInfo | URL) => {
    const url = new URL(String(input));
    requests.push(`GET ${url.pathname}${url.search}`);
    return answer(url);
  });
  const catalogApi = new InMemoryCatalogClient({ entities: catalogFixture });
  const catalogCalls: string[] = [];
  for (const method of ['getEntitiesByRefs', 'getEntityByRef'] as const) {
    const real = catalogApi[method].bind(catalogApi) as any;
    (catalogApi as any)[method] = (...args: any[]) => {
      catalogCalls.push(`catalog.${method}`);
      return real(...args);
    };
  }
  const client = new ChangeManagementClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: { fetch },
  });
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [changeManagementApiRef, client],
        [catalogApiRef, catalogApi],
        [
          entityPresentationApiRef,
          DefaultEntityPresentationApi.create({ catalogApi }),
        ],
      ]}
    >
      <EntityProvider entity={of}>{element}</EntityProvider>
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/change-management': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
  // Settled: what the view shows once its answers are in.
  for (const text of shown) await screen.findAllByText(text);
  return { requests: requests.sort(), catalog: catalogCalls };
}

const component = entity('Component', 'payments-service');
const system = entity('System', 'payments');
const measured: Record<string, { requests: string[]; catalog: string[] }> = {};

afterAll(() => {
  if (process.env.FIRST_RENDER_OUT) {
    fs.writeFileSync(
      process.env.FIRST_RENDER_OUT,
      JSON.stringify(measured, null, 2),
    );
  }
});

// The tab's metrics ask for the 90 days to the start of tomorrow (UTC).
const now = DateTime.fromISO('2026-10-04T15:30:00Z');
const metricsPeriod =
  'from=2026-07-07T00%3A00%3A00.000Z&to=2026-10-05T00%3A00%3A00.000Z';

describe('first render of an entity page', () => {
  const realNow = Settings.now;
  beforeEach(() => {
    Settings.now = () => now.toMillis();
  });
  afterEach(() => {
    Settings.now = realNow;
  });

  it("the Changes tab asks for the freeze, the lockdowns, the entity's first page and its metrics", async () => {
    const tab = await firstRender(<EntityChangesContent />, component, [
      'Upgrade the PSP SDK',
      'Alice Adams',
      'Change failure rate',
    ]);
    measured['Changes tab (Component)'] = tab;
    expect(tab.requests).toEqual([
      'GET /api/change-management/changes?entityRef=component%3Adefault%2Fpayments-service&limit=25',
      'GET /api/change-management/freeze?entityRef=component%3Adefault%2Fpayments-service',
      'GET /api/change-management/lockdowns?active=true&entityRef=component%3Adefault%2Fpayments-service',
      `GET /api/change-management/metrics?entityRef=component%3Adefault%2Fpayments-service&${metricsPeriod}`,
    ]);
    // Names come from the catalog in one batch.
    expect(tab.catalog).toEqual(['catalog.getEntitiesByRefs']);
  });

  it("a System's tab asks for the same four, the roll-up made by the server", async () => {
    const tab = await firstRender(<EntityChangesContent />, system, [
      'Upgrade the PSP SDK',
      'Alice Adams',
      'Change failure rate',
    ]);
    measured['Changes tab (System)'] = tab;
    expect(tab.requests).toEqual([
      'GET /api/change-management/changes?entityRef=system%3Adefault%2Fpayments&limit=25',
      'GET /api/change-management/freeze?entityRef=system%3Adefault%2Fpayments',
      'GET /api/change-management/lockdowns?active=true&entityRef=system%3Adefault%2Fpayments',
      `GET /api/change-management/metrics?entityRef=system%3Adefault%2Fpayments&${metricsPeriod}`,
    ]);
  });

  it('the entity card asks for the summary, the freeze and the lockdowns', async () => {
    // The card shows people by their short name: no catalog call.
    const card = await firstRender(<EntityChangesCard />, component, [
      'Upgrade the PSP SDK',
    ]);
    measured['Entity card (Component)'] = card;
    expect(card.requests).toEqual([
      'GET /api/change-management/freeze?entityRef=component%3Adefault%2Fpayments-service',
      'GET /api/change-management/lockdowns?active=true&entityRef=component%3Adefault%2Fpayments-service',
      'GET /api/change-management/summary?entityRef=component%3Adefault%2Fpayments-service',
    ]);
    expect(card.catalog).toEqual([]);
  });
});
