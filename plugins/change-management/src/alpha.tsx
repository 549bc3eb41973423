import {
  ApiBlueprint,
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import AssignmentTurnedInIcon from '@material-ui/icons/AssignmentTurnedIn';
import {
  SearchFilterResultTypeBlueprint,
  SearchResultListItemBlueprint,
} from '@backstage/plugin-search-react/alpha';
import {
  AFFECTABLE_KINDS,
  CHANGE_SEARCH_TYPE,
  PORTAL_PATH,
} from '@trove/backstage-plugin-change-management-common';
import { changeManagementApiRef, ChangeManagementClient } from './api';
import {
  auditRouteRef,
  catalogIndexRouteRef,
  changeRouteRef,
  rootRouteRef,
} from './routes';

const changeManagementApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: changeManagementApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new ChangeManagementClient(deps),
    }),
});

/** The Changes tab, on every catalog entity page. */
const entityChangesContent = EntityContentBlueprint.make({
  params: {
    path: 'changes',
    title: 'Changes',
    loader: () =>
      import('./components/EntityChangesContent').then(m => (
        <m.EntityChangesContent />
      )),
  },
});

/**
 * The change debt card on the Overview tab of the entities a change may
 * affect.
 */
const entityChangesCard = EntityCardBlueprint.make({
  params: {
    filter: { kind: { $in: [...AFFECTABLE_KINDS] } },
    loader: () =>
      import('./components/EntityChangesCard').then(m => (
        <m.EntityChangesCard />
      )),
  },
});

/** The portal page with its sidebar item, each change's page and the Audit page. */
const changeManagementPage = PageBlueprint.make({
  params: {
    path: PORTAL_PATH,
    title: 'Changes',
    icon: <AssignmentTurnedInIcon />,
    routeRef: convertLegacyRouteRef(rootRouteRef),
    loader: () => import('./components/Router').then(m => <m.Router />),
  },
});

/** Changes found by search, as the search page lists them. */
const changeSearchResultListItem = SearchResultListItemBlueprint.make({
  params: {
    icon: <AssignmentTurnedInIcon />,
    predicate: result => result.type === CHANGE_SEARCH_TYPE,
    component: () =>
      import('./components/ChangeSearchResultListItem').then(
        m => m.ChangeSearchResultListItem,
      ),
  },
});

/** "Changes" among the search page's result types. */
const changeSearchResultType = SearchFilterResultTypeBlueprint.make({
  params: {
    value: CHANGE_SEARCH_TYPE,
    name: 'Changes',
    icon: <AssignmentTurnedInIcon />,
  },
});

/**
 * The change-management plugin for the new frontend system.
 *
 * @public
 */
export default createFrontendPlugin({
  pluginId: 'change-management',
  info: { packageJson: () => import('../package.json') },
  extensions: [
    changeManagementApi,
    entityChangesContent,
    changeManagementPage,
    entityChangesCard,
    changeSearchResultListItem,
    changeSearchResultType,
  ],
  routes: {
    root: convertLegacyRouteRef(rootRouteRef),
    change: convertLegacyRouteRef(changeRouteRef),
    audit: convertLegacyRouteRef(auditRouteRef),
  },
  externalRoutes: {
    catalogIndex: convertLegacyRouteRef(catalogIndexRouteRef),
  },
});
