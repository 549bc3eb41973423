import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { BlackoutsAnnotationProcessor } from './BlackoutsAnnotationProcessor';

/**
 * Adds the change-management processors to the catalog: the check of the
 * `trove.io/change-blackouts` annotation.
 *
 * @public
 */
export const catalogModuleChangeManagementBlackouts = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'change-management-blackouts',
  register(reg) {
    reg.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addProcessor(new BlackoutsAnnotationProcessor());
      },
    });
  },
});
