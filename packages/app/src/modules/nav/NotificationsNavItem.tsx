import { SidebarItem } from '@backstage/core-components';
import { NotificationsSidebarItem } from '@backstage/plugin-notifications';
import Chip from '@material-ui/core/Chip';
import NotificationsIcon from '@material-ui/icons/Notifications';

/** "Notifications, 3 unread": the name a screen reader says. */
export function notificationsLabel(unread: number): string {
  return unread ? `Notifications, ${unread} unread` : 'Notifications';
}

/**
 * Backstage's notifications item (its toasts, its count in the window's
 * title) drawn as a sidebar item whose accessible name carries the unread
 * count: the plugin's own item shows the count but leaves it out of its
 * name.
 */
export const NotificationsNavItem = () => (
  <NotificationsSidebarItem
    renderItem={({ unreadCount, to, onClick }) => (
      <SidebarItem
        icon={NotificationsIcon}
        to={to}
        onClick={onClick}
        text="Notifications"
        aria-label={notificationsLabel(unreadCount)}
        hasNotifications={unreadCount > 0}
      >
        {unreadCount > 0 && (
          <Chip size="small" label={unreadCount > 99 ? '99+' : unreadCount} />
        )}
      </SidebarItem>
    )}
  />
);
