import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { ChangeCollatorFactory } from './ChangeCollatorFactory';
import { readSchedule } from './config';

/**
 * Adds the changes to Backstage search, re-indexed on the schedule at
 * `search.collators.changeManagement.schedule`.
 *
 * @public
 */
export const searchModuleChangeManagementCollator = createBackendModule({
  pluginId: 'search',
  moduleId: 'change-management-collator',
  register(reg) {
    reg.registerInit({
      deps: {
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        indexRegistry: searchIndexRegistryExtensionPoint,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
      },
      async init({ config, indexRegistry, scheduler, ...services }) {
        indexRegistry.addCollator({
          schedule: scheduler.createScheduledTaskRunner(readSchedule(config)),
          factory: ChangeCollatorFactory.fromOptions(services),
        });
      },
    });
  },
});
