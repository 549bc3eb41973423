import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  ChangeListItem,
  FreezeStatus,
} from '@trove/backstage-plugin-change-management-common';
import { Settings } from 'luxon';
import { aChange } from '../../__testUtils__/changes';
import { renderWithCatalog } from '../../__testUtils__/renderWithCatalog';
import { ActionQueue } from './ActionQueue';

jest.setTimeout(60_000);

// The server's freeze calendar: production is frozen until 2027-01-01.
const frozen: FreezeStatus = {
  frozen: true,
  timeZone: 'UTC',
  window: {
    start: '2026-10-01T00:00:00.000Z',
    end: '2027-01-01T00:00:00.000Z',
  },
};

let n = 0;
const change = (overrides: Partial<ChangeListItem>) =>
  aChange({
    id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    ...overrides,
  });

const approve = change({ title: 'Upgrade the PSP SDK' });
const signOff = change({
  title: 'Rotate the TLS key',
  state: 'staging_verified',
});
const held = change({
  title: 'New checkout page',
  state: 'ready_for_production',
  updatedAt: '2026-11-02T10:00:00.000Z',
});
const review = change({
  title: 'Hotfix: refunds failing',
  type: 'emergency',
  state: 'retrospective_done',
  incident: { ref: 'INC-7', severity: 'P1' },
  retrospective: {
    by: 'user:default/alice',
    at: '2026-12-01T10:00:00.000Z',
    whatChanged: 'x',
    why: 'y',
    approvalReceived: 'z',
    late: false,
  },
});
const approveToo = change({
  title: 'Bump the ledger schema',
  updatedAt: '2026-12-02T10:00:00.000Z',
});

async function renderQueue(items: ChangeListItem[], freeze?: FreezeStatus) {
  const listChanges = jest.fn().mockResolvedValue({ items });
  await renderWithCatalog(
    <ActionQueue freeze={freeze} empty={<p>Nothing</p>} />,
    { listChanges },
  );
  await screen.findByText(items[0].title);
  return listChanges;
}

const cellOf = (title: string, column: string) => {
  const row = screen.getByText(title).closest('tr')!;
  const table = row.closest('table')!;
  const headers = within(table)
    .getAllByRole('columnheader')
    .map(h => h.textContent);
  return within(row).getAllByRole('cell')[headers.indexOf(column)];
};

describe('ActionQueue', () => {
  // Today is the clock's, not the machine's: "3 days ago" holds any day.
  const now = Settings.now;
  beforeAll(() => {
    Settings.now = () => Date.parse('2026-12-05T10:00:00.000Z');
  });
  afterAll(() => {
    Settings.now = now;
  });

  it("says the user's action on each change, and how long it has waited", async () => {
    const listChanges = await renderQueue(
      [approve, signOff, review, approveToo],
      frozen,
    );

    expect(listChanges).toHaveBeenCalledWith({
      needsActionByMe: true,
      order: 'due',
      limit: 25,
    });
    expect(cellOf(approve.title, 'Your action')).toHaveTextContent(/^Approve$/);
    expect(cellOf(signOff.title, 'Your action')).toHaveTextContent(
      /^Sign off$/,
    );
    expect(cellOf(review.title, 'Your action')).toHaveTextContent(
      /^Complete review$/,
    );
    expect(cellOf(approveToo.title, 'Waiting since')).toHaveTextContent(
      '3 days ago',
    );
  });

  it('groups the queue by action, the changes the freeze holds in a group of their own', async () => {
    await renderQueue([approve, signOff, held, review, approveToo], frozen);

    expect(
      screen.getAllByRole('heading', { level: 3 }).map(h => h.textContent),
    ).toEqual([
      'Approve (2)',
      'Sign off (1)',
      'Held by the freeze until 2027-01-01 (1)',
      'Complete review (1)',
    ]);
    const action = cellOf(held.title, 'Your action');
    expect(action).toHaveTextContent('Deploy');
    expect(
      within(action).getByText('Held by the freeze until 2027-01-01'),
    ).toBeInTheDocument();
    expect(cellOf(held.title, 'Waiting since')).toHaveTextContent(
      '1 month ago',
    );
  });

  it('lists the queue as one table when not grouped', async () => {
    await renderQueue([approve, signOff, held], frozen);
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Group by action' }),
    );

    expect(screen.queryAllByRole('heading', { level: 3 })).toEqual([]);
    expect(screen.getAllByRole('table')).toHaveLength(1);
    expect(
      within(cellOf(held.title, 'Your action')).getByText(
        'Held by the freeze until 2027-01-01',
      ),
    ).toBeInTheDocument();
  });

  it('holds nothing back when production is open', async () => {
    await renderQueue([held], { frozen: false, timeZone: 'UTC' });

    expect(
      screen.getAllByRole('heading', { level: 3 }).map(h => h.textContent),
    ).toEqual(['Deploy (1)']);
    expect(screen.queryByText(/Held by/)).not.toBeInTheDocument();
  });
});
