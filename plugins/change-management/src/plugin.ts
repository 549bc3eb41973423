import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createSearchResultListItemExtension } from '@backstage/plugin-search-react';
import { CHANGE_SEARCH_TYPE } from '@trove/backstage-plugin-change-management-common';
import { changeManagementApiRef, ChangeManagementClient } from './api';
import {
  auditRouteRef,
  catalogIndexRouteRef,
  entityContentRouteRef,
  rootRouteRef,
} from './routes';

/**
 * The change-management plugin for apps on the legacy frontend system.
 *
 * @public
 */
export const changeManagementPlugin = createPlugin({
  id: 'change-management',
  apis: [
    createApiFactory({
      api: changeManagementApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new ChangeManagementClient(deps),
    }),
  ],
  routes: {
    root: rootRouteRef,
    entityContent: entityContentRouteRef,
    audit: auditRouteRef,
  },
  externalRoutes: {
    catalogIndex: catalogIndexRouteRef,
  },
});

/**
 * The Changes tab, for `EntityLayout.Route` on the legacy frontend system.
 *
 * @public
 */
export const EntityChangeManagementContent = changeManagementPlugin.provide(
  createRoutableExtension({
    name: 'EntityChangeManagementContent',
    component: () =>
      import('./components/EntityChangesContent').then(
        m => m.EntityChangesContent,
      ),
    mountPoint: entityContentRouteRef,
  }),
);

/**
 * The portal page (needs my action, in flight, overdue, all), each
 * change's page and the Audit page (`/audit` below it), for a `Route` such
 * as `/change-management`.
 *
 * @public
 */
export const ChangeManagementPage = changeManagementPlugin.provide(
  createRoutableExtension({
    name: 'ChangeManagementPage',
    component: () => import('./components/Router').then(m => m.Router),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The entity's change debt, for the Overview tab of the legacy frontend
 * system: the freeze, changes in flight, overdue retrospectives and the last
 * production change.
 *
 * @public
 */
export const EntityChangesCard = changeManagementPlugin.provide(
  createComponentExtension({
    name: 'EntityChangesCard',
    component: {
      lazy: () =>
        import('./components/EntityChangesCard').then(m => m.EntityChangesCard),
    },
  }),
);

/**
 * A change found by search, for the `SearchResult` of a legacy search page:
 * it renders the results of type `change-management`, its title linking to
 * the change's page, with its description, type and state.
 *
 * @public
 */
export const ChangeSearchResultListItem = changeManagementPlugin.provide(
  createSearchResultListItemExtension({
    name: 'ChangeSearchResultListItem',
    component: () =>
      import('./components/ChangeSearchResultListItem').then(
        m => m.ChangeSearchResultListItem,
      ),
    predicate: result => result.type === CHANGE_SEARCH_TYPE,
  }),
);
