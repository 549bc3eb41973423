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
  ChangeSearchResultListItem,
} from './plugin';
export { ChangesSidebarItem } from './components/ChangesSidebarItem';
export type { ChangesSidebarItemProps } from './components/ChangesSidebarItem';
export type { ChangeSearchResultListItemProps } from './components/ChangeSearchResultListItem';
export * from './api';
