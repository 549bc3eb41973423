import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { changeManagementPermissions } from '@trove/backstage-plugin-change-management-common';
import { DatabaseChangeStore } from './database/DatabaseChangeStore';
import { AuditService } from './service/AuditService';
import { ChangeService } from './service/ChangeService';
import { changeManagementClockServiceRef } from './service/Clock';
import { readChangeManagementConfig } from './service/config';
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
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        userInfo: coreServices.userInfo,
      },
      async init(deps) {
        const config = readChangeManagementConfig(deps.config);
        deps.permissionsRegistry.addPermissions(changeManagementPermissions);

        const store = await DatabaseChangeStore.create({
          database: deps.database,
        });
        const changes = new ChangeService(
          store,
          deps.catalog,
          deps.permissions,
          config,
          deps.clock,
        );
        const audit = new AuditService(store, changes, config, deps.clock);

        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            userInfo: deps.userInfo,
            auditor: deps.auditor,
            changes,
            audit,
          }),
        );
        deps.httpRouter.addAuthPolicy({
          path: '/health',
          allow: 'unauthenticated',
        });
      },
    });
  },
});
