export { ChangesSidebarItem } from './ChangesSidebarItem';
export type { ChangesSidebarItemProps } from './ChangesSidebarItem';
