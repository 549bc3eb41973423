import { Entity } from '@backstage/catalog-model';
import { catalogPlugin, EntityLayout } from '@backstage/plugin-catalog';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
  starredEntitiesApiRef,
  MockStarredEntitiesApi,
} from '@backstage/plugin-catalog-react';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { changeManagementApiRef } from './api';
// From the package entry, as a legacy app imports them.
import {
  ChangeManagementPage,
  EntityChangeManagementContent,
  EntityChangesCard,
} from './index';
import { rootRouteRef } from './routes';
import { anEmptyPeriod } from './__testUtils__/metrics';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-service', namespace: 'default' },
  spec: { type: 'service', system: 'payments' },
};

// A whole entity page, lazily loaded: seconds on a busy machine.
jest.setTimeout(30_000);

/** No lockdown in force: the banner and the portal's panel ask. */
const listLockdowns = jest.fn().mockResolvedValue({ items: [] });

describe('EntityChangeManagementContent (legacy frontend system)', () => {
  it('renders as a tab of an entity page', async () => {
    const listChanges = jest.fn().mockResolvedValue({ items: [] });
    const getFreeze = jest
      .fn()
      .mockResolvedValue({ frozen: false, timeZone: 'UTC' });
    const getEntityMetrics = jest.fn().mockResolvedValue(anEmptyPeriod());
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            changeManagementApiRef,
            { listChanges, getFreeze, getEntityMetrics, listLockdowns },
          ],
          [catalogApiRef, new InMemoryCatalogClient({ entities: [entity] })],
          [starredEntitiesApiRef, new MockStarredEntitiesApi()],
          [permissionApiRef, mockApis.permission()],
        ]}
      >
        <EntityProvider entity={entity}>
          <EntityLayout>
            <EntityLayout.Route path="/" title="Overview">
              <div>overview</div>
            </EntityLayout.Route>
            <EntityLayout.Route path="/changes" title="Changes">
              <EntityChangeManagementContent />
            </EntityLayout.Route>
          </EntityLayout>
        </EntityProvider>
      </TestApiProvider>,
      {
        routeEntries: ['/changes'],
        mountedRoutes: {
          '/catalog': catalogPlugin.routes.catalogIndex,
          '/change-management': rootRouteRef,
          '/catalog/:namespace/:kind/:name': entityRouteRef,
        },
      },
    );

    expect(screen.getByRole('tab', { name: 'Changes' })).toBeInTheDocument();
    // The tab's content is loaded lazily: under a full test run that takes a while.
    expect(
      await screen.findByText('No changes yet', {}, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(listChanges).toHaveBeenCalledWith(
      expect.objectContaining({
        entityRef: 'component:default/payments-service',
      }),
    );
    // The first render of an entity page loads its lazy chunks: over 5 s on a
    // loaded machine.
  }, 20_000);
});

describe('ChangeManagementPage (legacy frontend system)', () => {
  const renderAt = (path: string, api: object) =>
    renderInTestApp(
      <TestApiProvider apis={[[changeManagementApiRef, api]]}>
        <Routes>
          <Route
            path="/change-management/*"
            element={<ChangeManagementPage />}
          />
        </Routes>
      </TestApiProvider>,
      {
        routeEntries: [path],
        mountedRoutes: { '/change-management': rootRouteRef },
      },
    );

  it('serves the portal page at its root', async () => {
    await renderAt('/change-management', {
      listChanges: jest.fn().mockResolvedValue({ items: [] }),
      countQueues: jest
        .fn()
        .mockResolvedValue({ needsAction: 0, inFlight: 0, overdue: 0 }),
      getFreeze: jest
        .fn()
        .mockResolvedValue({ frozen: false, timeZone: 'UTC' }),
      listLockdowns,
    });
    expect(
      await screen.findByRole('tab', { name: 'My changes (0)' }),
    ).toBeInTheDocument();
  });

  it("serves each change's page below it", async () => {
    const getChange = jest.fn().mockRejectedValue(new Error('no such change'));
    await renderAt('/change-management/changes/c1', {
      getChange,
      listEvents: jest.fn().mockResolvedValue({ items: [] }),
    });
    expect(
      await screen.findByText('Error: no such change'),
    ).toBeInTheDocument();
    expect(getChange).toHaveBeenCalledWith('c1');
  });
});

describe('EntityChangesCard (legacy frontend system)', () => {
  it("renders on an entity's Overview", async () => {
    const getSummary = jest.fn().mockResolvedValue({
      entityRef: 'component:default/payments-service',
      inFlight: { items: [], total: 0 },
      overdue: { items: [], total: 0 },
    });
    const getFreeze = jest
      .fn()
      .mockResolvedValue({ frozen: false, timeZone: 'UTC' });
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [changeManagementApiRef, { getSummary, getFreeze, listLockdowns }],
        ]}
      >
        <EntityProvider entity={entity}>
          <EntityChangesCard />
        </EntityProvider>
      </TestApiProvider>,
      { mountedRoutes: { '/change-management': rootRouteRef } },
    );
    expect(
      await screen.findByText(
        /^Nothing in flight, no retrospective owed/,
        {},
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(getSummary).toHaveBeenCalledWith(
      'component:default/payments-service',
    );
  });
});
