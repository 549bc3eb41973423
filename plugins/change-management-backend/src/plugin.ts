import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { DatabaseChangeStore } from './database/DatabaseChangeStore';
import { ChangeService } from './service/ChangeService';
import { changeManagementClockServiceRef } from './service/Clock';
import { createRouter } from './service/router';

/**
 * The change-management backend plugin: stores changes, enforces the
 * Change Management SOP and serves `/api/change-management`.
 *
 * @public
 */
export const changeManagementPlugin = createBackendPlugin({
  pluginId: 'change-management',
  register(env) {
    env.registerInit({
      deps: {
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
        clock: changeManagementClockServiceRef,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        userInfo: coreServices.userInfo,
      },
      async init({
        auditor,
        catalog,
        clock,
        database,
        httpAuth,
        httpRouter,
        userInfo,
      }) {
        const store = await DatabaseChangeStore.create({ database });
        const service = new ChangeService(store, catalog, clock);
        httpRouter.use(
          await createRouter({ httpAuth, userInfo, auditor, service }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
