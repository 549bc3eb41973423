import { SidebarOpenStateProvider } from '@backstage/core-components';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { notificationsApiRef } from '@backstage/plugin-notifications';
import notificationsPlugin from '@backstage/plugin-notifications/alpha';
import { screen } from '@testing-library/react';
import { NotificationsNavItem } from './NotificationsNavItem';

jest.setTimeout(60_000);

/** The notifications page mounted, over a fake API. */
function options(unread: number) {
  return {
    mountedRoutes: { '/notifications': notificationsPlugin.routes.root },
    apis: [
      [
        notificationsApiRef,
        { getStatus: jest.fn().mockResolvedValue({ unread, read: 0 }) } as any,
      ],
    ] as const,
  };
}

describe('NotificationsNavItem', () => {
  it('names the unread count in its accessible name, and shows it', async () => {
    await renderInTestApp(
      <SidebarOpenStateProvider value={{ isOpen: true, setOpen: () => {} }}>
        <NotificationsNavItem />
      </SidebarOpenStateProvider>,
      options(3),
    );

    // The count arrives after the first render; the machine is slow.
    const item = await screen.findByRole(
      'link',
      { name: 'Notifications, 3 unread' },
      { timeout: 10_000 },
    );
    expect(item).toHaveTextContent(/^Notifications3$/);
  });

  it('is just "Notifications" with nothing unread', async () => {
    await renderInTestApp(<NotificationsNavItem />, options(0));

    expect(
      await screen.findByRole('link', { name: 'Notifications' }),
    ).toBeInTheDocument();
  });
});
