import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  ChangeDetail,
  ChangeListItem,
  pullRequestWarnings,
  RefusalWindow,
} from '@trove/backstage-plugin-change-management-common';
import { Settings } from 'luxon';
import { aChange, aPullRequest } from '../../__testUtils__/changes';
import { renderWithCatalog } from '../../__testUtils__/renderWithCatalog';
import { ActionQueue } from './ActionQueue';

jest.setTimeout(60_000);

// The windows the server names in a change's deploy verdict.
const freeze: RefusalWindow = {
  start: '2026-10-01T00:00:00.000Z',
  end: '2027-01-01T00:00:00.000Z',
  timeZone: 'UTC',
};
const blackout: RefusalWindow = {
  start: '2026-06-10T00:00:00.000Z',
  end: '2026-06-21T00:00:00.000Z',
  timeZone: 'UTC',
  entityRef: 'component:default/payments-service',
  reason: 'Card network migration',
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

/**
 * The queue over these changes, the server holding back the deploy of
 * each change by the window given for it (GET /changes/:id).
 */
async function renderQueue(
  items: ChangeListItem[],
  holds: Record<string, RefusalWindow> = {},
) {
  const listChanges = jest.fn().mockResolvedValue({ items });
  const getChange = jest.fn(
    async (id: string): Promise<ChangeDetail> => ({
      ...items.find(c => c.id === id)!,
      allowedActions: ['deploy'],
      conflicts: [],
      riskPolicies: [],
      deployVerdict: {
        allowed: !holds[id],
        reasons: [],
        final: false,
        heldBy: holds[id],
      },
    }),
  );
  await renderWithCatalog(<ActionQueue empty={<p>Nothing</p>} />, {
    listChanges,
    getChange,
  });
  await screen.findByText(items[0].title);
  return { listChanges, getChange };
}

const groupByAction = () =>
  userEvent.click(screen.getByRole('checkbox', { name: 'Group by action' }));

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

  it("says the user's action on each change in one table, and how long it has waited", async () => {
    const { listChanges } = await renderQueue([
      approve,
      signOff,
      review,
      approveToo,
    ]);

    expect(listChanges).toHaveBeenCalledWith({
      needsActionByMe: true,
      order: 'due',
      limit: 25,
    });
    expect(screen.getAllByRole('table')).toHaveLength(1);
    expect(cellOf(approve.title, 'Your action')).toHaveTextContent(/^Approve$/);
    expect(cellOf(signOff.title, 'Your action')).toHaveTextContent(
      /^Sign off$/,
    );
    expect(cellOf(review.title, 'Your action')).toHaveTextContent(
      /^Review the retrospective$/,
    );
    expect(cellOf(approveToo.title, 'Waiting since')).toHaveTextContent(
      '3 days ago',
    );
  });

  it('groups the queue by action if asked, the changes the freeze holds in a group of their own', async () => {
    await renderQueue([approve, signOff, held, review, approveToo], {
      [held.id]: freeze,
    });
    await screen.findByText('Held by the freeze until 2027-01-01');
    await groupByAction();

    expect(
      screen.getAllByRole('heading', { level: 3 }).map(h => h.textContent),
    ).toEqual([
      'Approve (2)',
      'Sign off (1)',
      'Held by the freeze until 2027-01-01 (1)',
      'Review the retrospective (1)',
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

  it("asks the server whether a deploy is held, and so sees an entity's blackout", async () => {
    const { getChange } = await renderQueue([approve, held], {
      [held.id]: blackout,
    });

    expect(
      await within(cellOf(held.title, 'Your action')).findByText(
        'Held by a blackout until 2026-06-21',
      ),
    ).toBeInTheDocument();
    // Only the change whose next step is its deploy is asked about.
    expect(getChange.mock.calls).toEqual([[held.id]]);
  });

  it('holds nothing back when the server lets the deploy through', async () => {
    const { getChange } = await renderQueue([held]);
    await waitFor(() => expect(getChange).toHaveBeenCalled());
    await groupByAction();

    expect(
      screen.getAllByRole('heading', { level: 3 }).map(h => h.textContent),
    ).toEqual(['Deploy (1)']);
    expect(screen.queryByText(/Held by/)).not.toBeInTheDocument();
  });

  it("shows each change's stored risk, and sorts the page by its score", async () => {
    const sortByRisk = () =>
      userEvent.click(
        within(screen.getByRole('columnheader', { name: 'Risk' })).getAllByRole(
          'button',
        )[0],
      );
    const risk = (level: 'low' | 'medium' | 'high', score: number) => ({
      level,
      score,
      reasons: [],
      assessedAt: '2026-12-01T10:00:00.000Z',
    });
    const low = { ...approve, risk: risk('low', 2) };
    const high = { ...signOff, risk: risk('high', 31) };
    const medium = { ...approveToo, risk: risk('medium', 12) };
    await renderQueue([low, high, review, medium]);

    expect(cellOf(high.title, 'Risk')).toHaveTextContent('High risk · 31');
    expect(cellOf(review.title, 'Risk')).toHaveTextContent('Not assessed');
    const titles = () =>
      within(screen.getByRole('table'))
        .getAllByRole('row')
        .slice(1)
        .map(row => within(row).getAllByRole('link')[0].textContent);
    expect(titles()).toEqual([
      low.title,
      high.title,
      review.title,
      medium.title,
    ]);

    await sortByRisk();
    expect(titles()).toEqual([
      review.title,
      low.title,
      medium.title,
      high.title,
    ]);
    await sortByRisk();
    expect(titles()).toEqual([
      high.title,
      medium.title,
      low.title,
      review.title,
    ]);
  });

  it("warns of the PR where the user's step relies on it, in the server's words", async () => {
    // The server's list carries the judge's warnings of the kept snapshot.
    const warnings = pullRequestWarnings(aPullRequest());
    const unmerged = { ...approve, pullRequestWarnings: warnings };
    const fine = { ...signOff, pullRequestWarnings: [] };
    // A retrospective's review does not sign for the PR.
    const retrospective = { ...review, pullRequestWarnings: warnings };
    const { getChange } = await renderQueue([unmerged, fine, retrospective]);

    const list = within(cellOf(unmerged.title, 'Your action')).getByRole(
      'list',
      { name: 'Pull request warnings' },
    );
    expect(
      within(list)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'Pull request #42 is open, not merged',
      'Checks failing on the head commit: test (failure)',
    ]);
    expect(cellOf(fine.title, 'Your action')).toHaveTextContent(/^Sign off$/);
    expect(cellOf(retrospective.title, 'Your action')).toHaveTextContent(
      /^Review the retrospective$/,
    );
    // From the list's own answer: nothing more is asked per row.
    expect(getChange).not.toHaveBeenCalled();
  });
});
