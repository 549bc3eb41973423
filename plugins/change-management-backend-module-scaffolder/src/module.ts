import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createRaiseChangeAction } from './actions/raise';
import { ChangeManagementRequests } from './ChangeManagementRequests';

/**
 * Adds the change-management actions to the scaffolder:
 * `change-management:raise`.
 *
 * @public
 */
export const scaffolderModuleChangeManagement = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'change-management',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        config: coreServices.rootConfig,
      },
      async init({ scaffolder, auth, discovery, config }) {
        scaffolder.addActions(
          createRaiseChangeAction({
            requests: new ChangeManagementRequests({ auth, discovery }),
            appBaseUrl: config.getString('app.baseUrl').replace(/\/+$/, ''),
          }),
        );
      },
    });
  },
});
