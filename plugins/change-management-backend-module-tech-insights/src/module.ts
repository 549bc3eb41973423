import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { techInsightsFactRetrieversExtensionPoint } from '@backstage-community/plugin-tech-insights-node';
import {
  CHANGE_MANAGEMENT_FACT_RETRIEVER_ID,
  createChangeManagementFactRetriever,
} from './changeManagementFactRetriever';

/**
 * Adds the change-management fact retriever to Tech Insights. Like every
 * retriever, it runs only once configured under
 * `techInsights.factRetrievers.changeManagementFactRetriever` (its cadence
 * and lifecycle).
 *
 * @public
 */
export const techInsightsModuleChangeManagement = createBackendModule({
  pluginId: 'tech-insights',
  moduleId: 'change-management',
  register(reg) {
    reg.registerInit({
      deps: {
        techInsights: techInsightsFactRetrieversExtensionPoint,
        catalog: catalogServiceRef,
      },
      async init({ techInsights, catalog }) {
        techInsights.addFactRetrievers({
          [CHANGE_MANAGEMENT_FACT_RETRIEVER_ID]:
            createChangeManagementFactRetriever({ catalog }),
        });
      },
    });
  },
});
