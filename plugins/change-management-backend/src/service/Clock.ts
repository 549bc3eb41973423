import {
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';

/** The server's notion of now; tests replace it to pin the time. */
export interface Clock {
  now(): Date;
}

/**
 * The clock the plugin reads. Override its factory to pin the time, for
 * example in tests, since the SOP's rules (freeze windows, the 48-hour
 * retrospective) depend on it.
 *
 * @public
 */
export const changeManagementClockServiceRef = createServiceRef<Clock>({
  id: 'change-management.clock',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {},
      factory: () => ({ now: () => new Date() }),
    }),
});
