import { screen, within } from '@testing-library/react';
import {
  asDetail,
  fakeApi,
  renderPage,
  standardChange,
} from './__testUtils__/fakeApi';

const other = '0b6f3a52-1c9d-4e7a-8f2b-3d4c5e6f7a8b';

const planned = {
  ...standardChange,
  plannedStart: '2026-12-10T09:00:00.000Z',
  plannedEnd: '2026-12-10T10:00:00.000Z',
};

describe('ChangePage planned window', () => {
  it('shows the window with its warnings, and its conflicts with links to the other changes', async () => {
    const api = fakeApi(planned);
    api.getChange.mockResolvedValue({
      ...asDetail(planned),
      windowWarnings: [
        {
          reason: 'freeze',
          message: 'Planned in the freeze: it could not deploy then.',
        },
      ],
      conflicts: [
        {
          id: other,
          title: 'Move the ledger database',
          state: 'in_review',
          plannedStart: '2026-12-10T09:30:00.000Z',
          plannedEnd: '2026-12-10T11:00:00.000Z',
          reason: 'dependency',
        },
        {
          id: null,
          title: 'Blackout: Black Friday',
          state: null,
          plannedStart: '2026-12-10T00:00:00.000Z',
          plannedEnd: '2026-12-11T00:00:00.000Z',
          reason: 'blackout',
        },
      ],
    });
    await renderPage(api);

    expect(
      await screen.findByRole('heading', { name: 'Planned window', level: 3 }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Conflicts (2)', level: 4 }),
    ).toBeInTheDocument();
    const conflicts = screen.getByRole('list', { name: 'Conflicts (2)' });
    const [change, blackout] = within(conflicts).getAllByRole('listitem');
    expect(change).toHaveTextContent(
      'One dependency away: Move the ledger database (In review)',
    );
    expect(
      within(change).getByRole('link', { name: 'Move the ledger database' }),
    ).toHaveAttribute('href', `/change-management/changes/${other}`);
    expect(blackout).toHaveTextContent('Blackout: Blackout: Black Friday');
    expect(within(blackout).queryByRole('link')).toBeNull();

    const warnings = screen.getByRole('list', {
      name: 'Warnings about the planned window',
    });
    expect(within(warnings).getByRole('listitem')).toHaveTextContent(
      'In the freezePlanned in the freeze: it could not deploy then.',
    );
  });

  it('says so when the window has no warning and no conflict', async () => {
    await renderPage(fakeApi(planned));
    expect(
      await screen.findByText('No warnings and no conflicts.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/^Dec 10, 2026, \d+:00 .* to Dec 10, 2026, \d+:00/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: /Conflicts/ })).toBeNull();
  });

  it('shows no planned window for a change without one', async () => {
    await renderPage(fakeApi());
    expect(
      await screen.findByRole('heading', { name: 'Upgrade the PSP SDK' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('heading', { name: 'Planned window' }),
    ).toBeNull();
  });
});
