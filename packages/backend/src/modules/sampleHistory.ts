import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { seedSampleHistory } from '@trove/backstage-plugin-change-management-backend/testUtils';

/**
 * Something to see on first start: with
 * `changeManagement.sampleHistory.enabled`, the sample app's change
 * database, while it holds no change, is seeded with 18 months of history
 * ending now (the plugin's `seedSampleHistory`). It runs as a start-up
 * hook, once every plugin has initialised: by then the change-management
 * plugin has run its migrations.
 */
export const sampleHistoryModule = createBackendModule({
  pluginId: 'change-management',
  moduleId: 'sample-history',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        database: coreServices.database,
        lifecycle: coreServices.lifecycle,
        logger: coreServices.logger,
      },
      async init({ config, database, lifecycle, logger }) {
        if (
          !config.getOptionalBoolean('changeManagement.sampleHistory.enabled')
        ) {
          return;
        }
        lifecycle.addStartupHook(async () => {
          await seedSampleHistory(await database.getClient(), {
            now: new Date(),
            logger,
          });
        });
      },
    });
  },
});
