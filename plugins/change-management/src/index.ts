/**
 * The change-management frontend plugin. Apps on the new frontend system
 * import `@trove/backstage-plugin-change-management/alpha` instead.
 *
 * @packageDocumentation
 */

export {
  changeManagementPlugin,
  ChangeManagementPage,
  EntityChangeManagementContent,
  EntityChangesCard,
} from './plugin';
export * from './api';
