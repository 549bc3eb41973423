import { createBackend } from '@backstage/backend-defaults';
import { devUserAuthModule } from './modules/devUserAuth';
import { permissionPolicyModule } from './modules/permissionPolicy';
import { sampleHistoryModule } from './modules/sampleHistory';

/**
 * The app's backend with every feature, not yet started. `src/index.ts`
 * starts it as it is; `src/e2e.ts`, the browser tests' entry, adds their
 * clock first. One list, so the browser tests run the backend that ships.
 */
export function createAppBackend() {
  const backend = createBackend();

  backend.add(import('@backstage/plugin-app-backend'));

  // auth: sign-in as a sample user, only where auth.providers.dev is configured
  backend.add(import('@backstage/plugin-auth-backend'));
  backend.add(devUserAuthModule);

  // catalog
  backend.add(import('@backstage/plugin-catalog-backend'));
  backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
  // the Template kind, for the scaffolder's templates
  backend.add(
    import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
  );
  // a malformed trove.io/change-blackouts annotation is an error on its entity
  backend.add(
    import('@trove/backstage-plugin-change-management-backend-module-catalog'),
  );

  // permissions
  backend.add(import('@backstage/plugin-permission-backend'));
  // only the owning group deploys or rolls back; the SOP's roles are the
  // change-management workflow's own
  backend.add(permissionPolicyModule);

  // user settings, notifications and signals
  backend.add(import('@backstage/plugin-user-settings-backend'));
  backend.add(import('@backstage/plugin-notifications-backend'));
  backend.add(import('@backstage/plugin-signals-backend'));

  // events: other plugins' modules subscribe to change-management's events
  // (topics change-management and change-management.checkpoint); the events
  // backend carries them between replicas
  backend.add(import('@backstage/plugin-events-backend'));

  // change management
  backend.add(import('@trove/backstage-plugin-change-management-backend'));
  // one more factor of the risk (issue 24): experimental or deprecated entities
  backend.add(
    import(
      '@trove/backstage-plugin-change-management-backend-module-risk-lifecycle'
    ),
  );
  // 18 months of sample history on first start, into an empty change
  // database, where changeManagement.sampleHistory.enabled says so
  backend.add(sampleHistoryModule);

  // Tech Insights scores each entity on its changes: open changes, overdue
  // retrospectives, change failure rate, last production change
  // (techInsights in app-config.yaml, with the example checks)
  backend.add(import('@backstage-community/plugin-tech-insights-backend'));
  backend.add(
    import('@backstage-community/plugin-tech-insights-backend-module-jsonfc'),
  );
  backend.add(
    import(
      '@trove/backstage-plugin-change-management-backend-module-tech-insights'
    ),
  );

  // scaffolder: templates raise their changes with change-management:raise,
  // as the user who runs them (examples/templates/provision-database.yaml)
  backend.add(import('@backstage/plugin-scaffolder-backend'));
  backend.add(
    import(
      '@trove/backstage-plugin-change-management-backend-module-scaffolder'
    ),
  );

  // search, in memory: the catalog's entities and the changes, each change
  // shown only to whoever may read it
  backend.add(import('@backstage/plugin-search-backend'));
  backend.add(import('@backstage/plugin-search-backend-module-catalog'));
  backend.add(
    import('@trove/backstage-plugin-change-management-backend-module-search'),
  );

  // its actions for automation and AI agents, over MCP at /api/mcp-actions
  // (backend.actions.pluginSources in app-config.yaml)
  backend.add(import('@backstage/plugin-mcp-actions-backend'));

  return backend;
}
