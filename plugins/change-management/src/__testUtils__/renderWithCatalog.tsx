import { ReactElement } from 'react';
import { Entity } from '@backstage/catalog-model';
import { DefaultEntityPresentationApi } from '@backstage/plugin-catalog';
import {
  catalogApiRef,
  entityPresentationApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { SignalApi, signalApiRef } from '@backstage/plugin-signals-react';
import { ChangeManagementApi, changeManagementApiRef } from '../api';
import { rootRouteRef } from '../routes';

const user = (name: string, displayName: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { profile: { displayName } },
});

/** The people and services of the list fixtures, as the catalog has them. */
export const catalogFixture: Entity[] = [
  user('alice', 'Alice Adams'),
  user('bob', 'Bob Baker'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'payments-service',
      namespace: 'default',
      title: 'Payments service',
    },
    spec: { type: 'service', owner: 'team-payments', lifecycle: 'production' },
  },
];

/**
 * Renders in a test app with the change-management API given, and the
 * catalog's real entity presentation over {@link catalogFixture}, so names
 * come from the catalog as in the app, and the signals API if given.
 */
export function renderWithCatalog(
  element: ReactElement,
  api: Partial<ChangeManagementApi>,
  routeEntries?: string[],
  signals?: SignalApi,
) {
  const catalogApi = new InMemoryCatalogClient({ entities: catalogFixture });
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [changeManagementApiRef, api],
        [catalogApiRef, catalogApi],
        [
          entityPresentationApiRef,
          DefaultEntityPresentationApi.create({ catalogApi }),
        ],
        ...(signals ? [[signalApiRef, signals] as const] : []),
      ]}
    >
      {element}
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/change-management': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
      routeEntries,
    },
  );
}
