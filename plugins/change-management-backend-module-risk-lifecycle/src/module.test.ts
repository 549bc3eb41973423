import {
  createBackendPlugin,
  coreServices,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  ChangeRiskFactor,
  changeRiskFactorsExtensionPoint,
} from '@trove/backstage-plugin-change-management-node';
import { changeManagementModuleRiskLifecycle } from './module';

/**
 * A stand-in for the change-management backend that offers the extension
 * point and keeps what modules add, as the real plugin does.
 */
function pluginKeeping(factors: ChangeRiskFactor[]) {
  return createBackendPlugin({
    pluginId: 'change-management',
    register(env) {
      env.registerExtensionPoint(changeRiskFactorsExtensionPoint, {
        addRiskFactor: (...added) => factors.push(...added),
      });
      env.registerInit({
        deps: { logger: coreServices.logger },
        async init() {},
      });
    },
  });
}

const change = {
  type: 'standard' as const,
  title: 'A change',
  affectedEntityRefs: ['component:default/beta', 'component:default/stable'],
};
const ctx = {
  affected: [
    { entityRef: 'component:default/beta', lifecycle: 'experimental' },
    { entityRef: 'component:default/stable', lifecycle: 'production' },
  ],
  dependents: [],
  now: new Date('2026-06-10T09:00:00Z'),
};

describe('changeManagementModuleRiskLifecycle', () => {
  it('adds its factor through the extension point', async () => {
    const factors: ChangeRiskFactor[] = [];
    await startTestBackend({
      features: [pluginKeeping(factors), changeManagementModuleRiskLifecycle],
    });
    expect(factors.map(f => f.id)).toEqual(['lifecycle-unsettled']);
    await expect(factors[0].assess(change, ctx)).resolves.toEqual({
      points: 3,
      message: 'beta is experimental',
    });
    await expect(
      factors[0].assess(change, { ...ctx, affected: [ctx.affected[1]] }),
    ).resolves.toBeUndefined();
  });

  it('reads its lifecycles and points from config', async () => {
    const factors: ChangeRiskFactor[] = [];
    await startTestBackend({
      features: [
        pluginKeeping(factors),
        changeManagementModuleRiskLifecycle,
        mockServices.rootConfig.factory({
          data: {
            changeManagement: {
              risk: { lifecycle: { lifecycles: ['production'], points: 7 } },
            },
          },
        }),
      ],
    });
    await expect(factors[0].assess(change, ctx)).resolves.toEqual({
      points: 7,
      message: 'stable is production',
    });
  });
});
