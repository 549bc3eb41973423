import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { aChange } from '../../__testUtils__/changes';
import { renderWithCatalog } from '../../__testUtils__/renderWithCatalog';
import { fakeSignals } from '../../__testUtils__/signals';
import { formatTime } from '../format';
import { ChangesTable } from './ChangesTable';

const standard = aChange();
const emergency = aChange({
  id: '7a1d2e3f-0000-4000-8000-000000000001',
  type: 'emergency',
  state: 'deployed',
  title: 'Hotfix: refunds failing with 500',
  incident: { ref: 'INC-1042', severity: 'P1' },
  retrospectiveDueAt: '2026-06-12T09:00:00.000Z',
  overdue: true,
});
const sentBack = aChange({
  id: '9c8b7a6d-0000-4000-8000-000000000002',
  state: 'draft',
  title: 'Rotate the payments-db certificate',
  sentBack: {
    action: 'request-changes',
    by: 'user:default/bob',
    at: '2026-03-02T10:00:00.000Z',
    comment: 'Add a rollback plan',
  },
});

/** The URL's query string, to read what the table put there. */
const Search = () => (
  <output aria-label="search">{useLocation().search}</output>
);

function renderTable(
  listChanges: jest.Mock,
  routeEntries?: string[],
  props: Partial<Parameters<typeof ChangesTable>[0]> = {},
) {
  return renderWithCatalog(
    <>
      <ChangesTable
        title="Changes"
        query={{}}
        filters
        showAffected
        {...props}
      />
      <Search />
    </>,
    { listChanges },
    routeEntries,
  );
}

const rowOf = (title: string) => screen.getByText(title).closest('tr')!;
const findRow = async (title: string) =>
  (await screen.findByText(title)).closest('tr')!;
const urlSearch = () =>
  new URLSearchParams(
    screen.getByRole('status', { name: 'search' }).textContent!,
  );

jest.setTimeout(30_000);

describe('ChangesTable', () => {
  it('fetches its list again when a change moves, without a reload', async () => {
    const signals = fakeSignals();
    const listChanges = jest
      .fn()
      .mockResolvedValueOnce({ items: [standard] })
      .mockResolvedValue({ items: [{ ...standard, state: 'approved' }] });
    await renderWithCatalog(
      <ChangesTable title="Changes" query={{ inFlight: true }} />,
      { listChanges },
      undefined,
      signals.api,
    );
    const row = await findRow(standard.title);
    expect(within(row).getByText('Awaiting approval')).toBeInTheDocument();

    // Any change: one that was not listed may have come into the list.
    await signals.send('change-management', { changeId: 'another' });
    expect(
      await within(await findRow(standard.title)).findByText('Approved'),
    ).toBeInTheDocument();
    expect(listChanges).toHaveBeenCalledTimes(2);
    expect(listChanges).toHaveBeenLastCalledWith(
      expect.objectContaining({ inFlight: true }),
    );
  });

  it('names people and services as the catalog does', async () => {
    await renderTable(jest.fn().mockResolvedValue({ items: [standard] }));

    const row = await findRow('Upgrade the PSP SDK');
    expect(await within(row).findByText('Alice Adams')).toBeInTheDocument();
    expect(
      await within(row).findByText('Payments service'),
    ).toBeInTheDocument();
    expect(within(row).queryByText(/user:default/)).not.toBeInTheDocument();
    expect(
      within(row).queryByText(/component:default/),
    ).not.toBeInTheDocument();
    expect(within(row).getByText('Standard')).toBeInTheDocument();
    expect(within(row).getByText('Awaiting approval')).toBeInTheDocument();
    // A short id in the title cell instead of an ID column.
    expect(within(row).getByText('#0e5b9a4c')).toBeInTheDocument();
    expect(
      screen.queryByRole('columnheader', { name: 'ID' }),
    ).not.toBeInTheDocument();
  });

  it('marks an emergency with its incident, severity and due time', async () => {
    await renderTable(
      jest.fn().mockResolvedValue({ items: [emergency, standard] }),
    );

    const row = await findRow(emergency.title);
    expect(
      within(row).getByText('Emergency INC-1042 · P1'),
    ).toBeInTheDocument();
    const due = formatTime(emergency.retrospectiveDueAt);
    expect(due).toMatch(/UTC|GMT/);
    expect(within(row).getByText(due)).toBeInTheDocument();
    expect(within(row).getByText('Retrospective overdue')).toBeInTheDocument();
    expect(
      within(rowOf(standard.title)).queryByText(/INC-|overdue/),
    ).not.toBeInTheDocument();
  });

  it('says why a draft came back, and who sent it', async () => {
    await renderTable(jest.fn().mockResolvedValue({ items: [sentBack] }));

    const row = await findRow(sentBack.title);
    expect(
      within(row).getByText(/Changes requested — “Add a rollback plan”/),
    ).toBeInTheDocument();
    expect(await within(row).findByText('Bob Baker')).toBeInTheDocument();
  });

  it('reads its filters, search and page from the URL', async () => {
    const listChanges = jest.fn().mockResolvedValue({ items: [emergency] });
    await renderTable(listChanges, [
      '/?state=deployed&type=emergency&q=refund&cursor=c2&cursor=c3',
    ]);

    await screen.findByText(emergency.title);
    expect(listChanges).toHaveBeenCalledTimes(1);
    expect(listChanges).toHaveBeenCalledWith({
      states: ['deployed'],
      type: 'emergency',
      search: 'refund',
      limit: 25,
      cursor: 'c3',
    });
    expect(screen.getByLabelText('Search titles')).toHaveValue('refund');
    expect(
      screen.getByRole('button', { name: 'State Deployed' }),
    ).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: 'Previous page' }),
    );
    await waitFor(() => expect(urlSearch().getAll('cursor')).toEqual(['c2']));
    expect(listChanges).toHaveBeenLastCalledWith(
      expect.objectContaining({ cursor: 'c2', search: 'refund' }),
    );
  });

  it('writes filters, search and pages to the URL, a filter starting at page one', async () => {
    const listChanges = jest
      .fn()
      .mockResolvedValue({ items: [standard], nextCursor: 'next' });
    await renderTable(listChanges);

    await userEvent.click(
      await screen.findByRole('button', { name: 'Next page' }),
    );
    await waitFor(() => expect(urlSearch().getAll('cursor')).toEqual(['next']));

    await userEvent.type(screen.getByLabelText('Search titles'), '100%');
    await waitFor(() => expect(urlSearch().get('q')).toBe('100%'));
    expect(urlSearch().getAll('cursor')).toEqual([]);
    expect(listChanges).toHaveBeenLastCalledWith({
      search: '100%',
      limit: 25,
    });

    await userEvent.click(
      screen.getByRole('button', { name: 'Type All types' }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'Emergency' }),
    );
    await waitFor(() => expect(urlSearch().get('type')).toBe('emergency'));
    expect(urlSearch().get('q')).toBe('100%');
  });

  it('keeps only the title, state and due time on a phone', async () => {
    const matchMedia = window.matchMedia;
    window.matchMedia = jest.fn().mockImplementation((query: string) => ({
      matches: query.includes('max-width'),
      media: query,
      addListener: jest.fn(),
      removeListener: jest.fn(),
      addEventListener: jest.fn(),
      removeEventListener: jest.fn(),
    }));
    try {
      await renderTable(jest.fn().mockResolvedValue({ items: [emergency] }));
      await screen.findByText(emergency.title);
      expect(
        screen.getAllByRole('columnheader').map(h => h.textContent),
      ).toEqual(['Title', 'State', 'Due']);
    } finally {
      window.matchMedia = matchMedia;
    }
  });

  it.each([
    ['the last page', ['/?cursor=c1'], undefined, 'Export these 3 changes'],
    ['one change', undefined, undefined, 'Export this change'],
    ['more pages', undefined, 'c2', 'Export all 1+ changes that match'],
  ])(
    'counts what an export holds on %s',
    async (_, routeEntries, nextCursor, label) => {
      await renderTable(
        jest.fn().mockResolvedValue({ items: [standard], nextCursor }),
        routeEntries,
        { exportable: true, pageSize: 2 },
      );
      expect(
        await screen.findByRole('button', { name: label }),
      ).toBeInTheDocument();
    },
  );

  it('groups the page under the names given, in the order the list reaches them', async () => {
    await renderTable(
      jest.fn().mockResolvedValue({ items: [emergency, standard, sentBack] }),
      undefined,
      {
        groupOf: c => (c.state === 'draft' ? 'Drafts' : 'Under way'),
        columns: [{ title: 'Your action', render: c => `Act on ${c.title}` }],
      },
    );
    await screen.findByText(emergency.title);
    const groups = screen.getAllByRole('heading', { level: 3 });
    expect(groups.map(h => h.textContent)).toEqual([
      'Under way (2)',
      'Drafts (1)',
    ]);
    const tables = screen.getAllByRole('table');
    expect(
      within(tables[0])
        .getAllByRole('columnheader')
        .map(h => h.textContent),
    ).toEqual([
      'Title',
      'Your action',
      'Affects',
      'Type',
      'State',
      'Author',
      'Raised',
      'Due',
    ]);
    expect(
      within(tables[1]).getByText(`Act on ${sentBack.title}`),
    ).toBeVisible();
  });
});
