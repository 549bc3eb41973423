import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { changeManagementClockServiceRef } from '@trove/backstage-plugin-change-management-backend';
import express from 'express';
import Router from 'express-promise-router';

/**
 * A clock the browser tests set, so they never depend on today's date: the
 * SOP's rules (the October–January freeze, the 48-hour retrospective) turn
 * on it. It keeps running from the time it was set to.
 */
class MovableClock {
  private offsetMs = 0;
  now() {
    return new Date(Date.now() + this.offsetMs);
  }
  set(time: Date) {
    this.offsetMs = time.getTime() - Date.now();
  }
}

const clock = new MovableClock();

/**
 * FOR BROWSER TESTS ONLY, added by src/e2e.ts, their own entry: replaces the
 * change-management clock and serves `PUT /api/e2e-clock { "time": ISO }`
 * without authentication. src/index.ts, the production entry, never
 * imports it (src/productionEntry.test.ts).
 */
export const e2eClockFeatures = [
  createServiceFactory({
    service: changeManagementClockServiceRef,
    deps: {},
    factory: () => clock,
  }),
  createBackendPlugin({
    pluginId: 'e2e-clock',
    register(env) {
      env.registerInit({
        deps: {
          httpRouter: coreServices.httpRouter,
          logger: coreServices.logger,
        },
        async init({ httpRouter, logger }) {
          logger.warn(
            'The change-management clock can be set over HTTP: browser tests only',
          );
          const router = Router();
          router.use(express.json());
          router.put('/', (req, res) => {
            const time = new Date(req.body?.time);
            if (Number.isNaN(time.getTime())) {
              res.status(400).json({ error: 'Send { "time": "<ISO time>" }' });
              return;
            }
            clock.set(time);
            res.json({ now: clock.now().toISOString() });
          });
          httpRouter.use(router);
          httpRouter.addAuthPolicy({ path: '/', allow: 'unauthenticated' });
        },
      });
    },
  }),
];
