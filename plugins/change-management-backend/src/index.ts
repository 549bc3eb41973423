/**
 * The change-management backend plugin.
 *
 * @packageDocumentation
 */

export { changeManagementPlugin as default } from './plugin';
export { changeManagementClockServiceRef } from './service/Clock';
export type { Clock } from './service/Clock';
export { readChangeManagementConfig } from './service/config';
export type { ChangeManagementConfig } from './service/config';
