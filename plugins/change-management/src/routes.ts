import { createRouteRef } from '@backstage/core-plugin-api';

/** Where the Changes tab of an entity page is mounted. */
export const entityContentRouteRef = createRouteRef({
  id: 'change-management:entity-content',
});
