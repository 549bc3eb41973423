import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { CHANGE_EVENTS_TOPIC } from '@trove/backstage-plugin-change-management-common';

/** Posts each accepted action, as JSON, to `changeWebhook.url`. */
export const changeWebhookModule = createBackendModule({
  pluginId: 'change-management',
  moduleId: 'webhook',
  register(env) {
    env.registerInit({
      deps: { config: coreServices.rootConfig, events: eventsServiceRef },
      async init({ config, events }) {
        const url = config.getString('changeWebhook.url');
        await events.subscribe({
          id: 'webhook',
          topics: [CHANGE_EVENTS_TOPIC],
          onEvent: async ({ eventPayload }) => {
            await fetch(url, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(eventPayload),
            });
          },
        });
      },
    });
  },
});
