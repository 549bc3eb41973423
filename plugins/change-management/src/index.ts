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
export { ChangesSidebarItem } from './components/ChangesSidebarItem';
export type { ChangesSidebarItemProps } from './components/ChangesSidebarItem';
export { ChangeSearchResultListItem } from './components/ChangeSearchResultListItem';
export type { ChangeSearchResultListItemProps } from './components/ChangeSearchResultListItem';
export * from './api';
