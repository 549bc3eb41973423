import {
  Sidebar,
  SidebarDivider,
  SidebarGroup,
  SidebarItem,
  SidebarScrollWrapper,
  SidebarSpace,
  useSidebarPinState,
} from '@backstage/core-components';
import {
  NavContentBlueprint,
  NavContentComponentProps,
} from '@backstage/plugin-app-react';
import { ChangesSidebarItem } from '@trove/backstage-plugin-change-management';
import { SidebarLogo } from './SidebarLogo';
import MenuIcon from '@material-ui/icons/Menu';
import { UserSettingsSignInAvatar } from '@backstage/plugin-user-settings';
import { NotificationsNavItem } from './NotificationsNavItem';

/** The app's sidebar, from the nav items of the pages. */
const AppSidebar = ({ navItems }: NavContentComponentProps) => {
  // On a phone only the groups reach the bottom bar: Notifications goes
  // into the Menu there, with its unread count.
  const { isMobile } = useSidebarPinState();
  // The portal's item counts what waits for the user.
  const changes = navItems.take('page:change-management');
  navItems.take('page:notifications'); // NotificationsNavItem instead
  const nav = navItems.withComponent(item => (
    <SidebarItem icon={() => item.icon} to={item.href} text={item.title} />
  ));

  return (
    <Sidebar>
      <SidebarLogo />
      <SidebarDivider />
      <SidebarGroup label="Menu" icon={<MenuIcon />}>
        {nav.take('page:catalog')}
        {changes && (
          <ChangesSidebarItem
            to={changes.href}
            text={changes.title}
            icon={() => changes.icon}
          />
        )}
        {isMobile && <NotificationsNavItem />}
        <SidebarDivider />
        <SidebarScrollWrapper>
          {nav.rest({ sortBy: 'title' })}
        </SidebarScrollWrapper>
      </SidebarGroup>
      <SidebarSpace />
      <SidebarDivider />
      {!isMobile && <NotificationsNavItem />}
      <SidebarDivider />
      <SidebarGroup
        label="Settings"
        icon={<UserSettingsSignInAvatar />}
        to="/settings"
      >
        {nav.take('page:user-settings')}
      </SidebarGroup>
    </Sidebar>
  );
};

export const SidebarContent = NavContentBlueprint.make({
  params: { component: AppSidebar },
});
