import { createBackend } from '@backstage/backend-defaults';
import { devUserAuthModule } from './modules/devUserAuth';
import { e2eClockFeatures } from './modules/e2eClock';
import { permissionPolicyModule } from './modules/permissionPolicy';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// auth: sign-in as a sample user, only where auth.providers.dev is configured
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(devUserAuthModule);

// catalog
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// permissions
backend.add(import('@backstage/plugin-permission-backend'));
// the CTO role gets the CTO actions; signed-in users everything else
backend.add(permissionPolicyModule);

// user settings, notifications and signals
backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// change management
backend.add(import('@trove/backstage-plugin-change-management-backend'));

// Browser tests only: a clock they can set (see app-config.e2e.yaml).
if (process.env.CHANGE_MANAGEMENT_E2E_CLOCK === 'true') {
  e2eClockFeatures.forEach(feature => backend.add(feature));
}

backend.start();
