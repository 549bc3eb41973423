import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { changeRiskFactorsExtensionPoint } from '@trove/backstage-plugin-change-management-node';
import {
  DEFAULT_LIFECYCLE_RISK,
  lifecycleRiskFactor,
} from './lifecycleRiskFactor';

/**
 * Adds the risk of touching an experimental or deprecated entity to every
 * change's assessment (issue 24), through the change-management backend's
 * `changeRiskFactorsExtensionPoint`.
 *
 * @public
 */
export const changeManagementModuleRiskLifecycle = createBackendModule({
  pluginId: 'change-management',
  moduleId: 'risk-lifecycle',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        risk: changeRiskFactorsExtensionPoint,
      },
      async init({ config, risk }) {
        const own = config.getOptionalConfig('changeManagement.risk.lifecycle');
        risk.addRiskFactor(
          lifecycleRiskFactor({
            lifecycles:
              own?.getOptionalStringArray('lifecycles') ??
              DEFAULT_LIFECYCLE_RISK.lifecycles,
            points:
              own?.getOptionalNumber('points') ?? DEFAULT_LIFECYCLE_RISK.points,
          }),
        );
      },
    });
  },
});
