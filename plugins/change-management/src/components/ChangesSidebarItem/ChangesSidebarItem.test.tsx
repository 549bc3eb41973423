import { SidebarOpenStateProvider } from '@backstage/core-components';
import { screen } from '@testing-library/react';
import { renderWithCatalog } from '../../__testUtils__/renderWithCatalog';
import { ChangesSidebarItem } from './ChangesSidebarItem';

jest.setTimeout(60_000);

describe('ChangesSidebarItem', () => {
  it('says how many changes wait for the user, asked of the server', async () => {
    const countQueues = jest
      .fn()
      .mockResolvedValue({ needsAction: 3, inFlight: 9, overdue: 1 });
    // The sidebar open: the item shows its name and the count.
    await renderWithCatalog(
      <SidebarOpenStateProvider value={{ isOpen: true, setOpen: () => {} }}>
        <ChangesSidebarItem />
      </SidebarOpenStateProvider>,
      { countQueues },
    );

    const item = await screen.findByRole('link', {
      name: 'Changes, 3 waiting for you',
    });
    expect(item).toHaveAttribute('href', '/change-management');
    expect(item).toHaveTextContent(/^Changes3$/);
    expect(countQueues).toHaveBeenCalledTimes(1);
  });

  it('is just "Changes" when nothing waits, or the count fails', async () => {
    await renderWithCatalog(<ChangesSidebarItem to="/changes" />, {
      countQueues: jest.fn().mockRejectedValue(new Error('down')),
    });

    expect(
      await screen.findByRole('link', { name: 'Changes' }),
    ).toHaveAttribute('href', '/changes');
  });
});
