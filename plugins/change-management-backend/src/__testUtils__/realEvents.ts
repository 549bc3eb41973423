import { createBackendPlugin } from '@backstage/backend-plugin-api';
import {
  EventParams,
  eventsServiceFactory,
  eventsServiceRef,
} from '@backstage/plugin-events-node';

/**
 * Backstage's own events service in the test backend, in place of the
 * mock, with a plugin that records what is published on these topics.
 * Without the events backend there is no bus to reach: the service is told
 * so (`events.useEventBus`), as it would find out in an app without one.
 */
export function realEvents(topics: string[]) {
  const received: EventParams[] = [];
  const recorder = createBackendPlugin({
    pluginId: 'topic-recorder',
    register(env) {
      env.registerInit({
        deps: { events: eventsServiceRef },
        async init({ events }) {
          await events.subscribe({
            id: 'recorder',
            topics,
            onEvent: async params => {
              received.push(params);
            },
          });
        },
      });
    },
  });
  return {
    received,
    features: [eventsServiceFactory, recorder],
    config: { events: { useEventBus: 'never' } },
  };
}
