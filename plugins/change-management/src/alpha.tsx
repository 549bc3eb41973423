import {
  ApiBlueprint,
  createFrontendPlugin,
} from '@backstage/frontend-plugin-api';
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { changeManagementApiRef, ChangeManagementClient } from './api';

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
 * The change-management plugin for the new frontend system.
 *
 * @public
 */
export default createFrontendPlugin({
  pluginId: 'change-management',
  info: { packageJson: () => import('../package.json') },
  extensions: [changeManagementApi, entityChangesContent],
});
