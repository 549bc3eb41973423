import { Entity } from '@backstage/catalog-model';
import { catalogPlugin, EntityLayout } from '@backstage/plugin-catalog';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
  starredEntitiesApiRef,
  MockStarredEntitiesApi,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { screen } from '@testing-library/react';
import { changeManagementApiRef } from './api';
import { EntityChangeManagementContent } from './plugin';
import { rootRouteRef } from './routes';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-service', namespace: 'default' },
  spec: { type: 'service', system: 'payments' },
};

describe('EntityChangeManagementContent (legacy frontend system)', () => {
  it('renders as a tab of an entity page', async () => {
    const listChanges = jest.fn().mockResolvedValue({ items: [] });
    const getFreeze = jest
      .fn()
      .mockResolvedValue({ frozen: false, timeZone: 'UTC' });
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [changeManagementApiRef, { listChanges, getFreeze }],
          [catalogApiRef, catalogApiMock({ entities: [entity] })],
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
    expect(await screen.findByText('No changes yet')).toBeInTheDocument();
    expect(listChanges).toHaveBeenCalledWith(
      expect.objectContaining({
        entityRef: 'component:default/payments-service',
      }),
    );
  });
});
