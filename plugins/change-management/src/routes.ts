import {
  createExternalRouteRef,
  createRouteRef,
  createSubRouteRef,
} from '@backstage/core-plugin-api';
import {
  AUDIT_SUBPATH,
  CHANGE_SUBPATH,
} from '@trove/backstage-plugin-change-management-common';

/** The portal page: needs my action, in flight, overdue, all. */
export const rootRouteRef = createRouteRef({
  id: 'change-management',
});

/** One change, under the portal page. */
export const changeRouteRef = createSubRouteRef({
  id: 'change-management:change',
  parent: rootRouteRef,
  path: CHANGE_SUBPATH,
});

/** Where the Changes tab of an entity page is mounted (legacy system). */
export const entityContentRouteRef = createRouteRef({
  id: 'change-management:entity-content',
});

/** The Audit page, under the portal page. */
export const auditRouteRef = createSubRouteRef({
  id: 'change-management:audit',
  parent: rootRouteRef,
  path: AUDIT_SUBPATH,
});

/**
 * The catalog's index, where a newcomer finds a service and its Changes
 * tab; the catalog's own by default.
 */
export const catalogIndexRouteRef = createExternalRouteRef({
  id: 'change-management:catalog-index',
  optional: true,
  defaultTarget: 'catalog.catalogIndex',
});
