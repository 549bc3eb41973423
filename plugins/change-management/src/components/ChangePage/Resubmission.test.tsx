import userEvent from '@testing-library/user-event';
import { screen, within } from '@testing-library/react';
import { ChangeView } from '@trove/backstage-plugin-change-management-common';
import { ChangeEvent } from '../../api';
import { fakeApi, renderPage, standardChange } from './__testUtils__/fakeApi';

// Dialogs driven with userEvent take seconds when suites share two cores.
jest.setTimeout(30_000);

const draft = {
  type: 'standard',
  title: standardChange.title,
  description: standardChange.description,
  risks: 'Refunds may fail',
  testingNotes: 'Unit and contract tests',
  pullRequestUrl: standardChange.pullRequestUrl,
  affectedEntityRefs: standardChange.affectedEntityRefs,
};

/** A standard change that failed staging, was edited and submitted again. */
const events: ChangeEvent[] = (
  [
    ['create', undefined, 'draft', 'alice', draft],
    ['submit', 'draft', 'in_review', 'alice'],
    ['review', 'in_review', 'awaiting_approval', 'bob'],
    ['approve', 'awaiting_approval', 'approved', 'carol'],
    [
      'record-staging',
      'approved',
      'draft',
      'bob',
      { stagingTested: 'yes', failedChecks: ['regression checks'] },
    ],
    [
      'edit',
      'draft',
      'draft',
      'alice',
      { ...draft, risks: 'Refunds may fail; retried', testingNotes: 'e2e' },
    ],
    ['submit', 'draft', 'in_review', 'alice'],
  ] as [string, string | undefined, string, string, object?][]
).map(([action, fromState, toState, who, fields], i) => ({
  id: `e${i + 1}`,
  changeId: 'c1',
  seq: i + 1,
  action: action as ChangeEvent['action'],
  fromState: fromState as ChangeEvent['fromState'],
  toState: toState as ChangeEvent['toState'],
  actor: `user:default/${who}`,
  at: `2026-03-0${i + 1}T10:00:00.000Z`,
  fields: fields ?? {},
  previousHash: String(i).padStart(64, '0'),
  hash: String(i + 1).padStart(64, '0'),
}));

describe('ChangePage: a change submitted again', () => {
  it('tells its reviewer why it went back and what changed, before and after', async () => {
    const resubmitted: ChangeView = {
      ...standardChange,
      state: 'in_review',
      reviewed: undefined,
      allowedActions: ['review', 'request-changes'],
    };
    await renderPage(fakeApi(resubmitted, events));
    const title = await screen.findByText(
      'Resubmitted after a failed staging run — changed: risks, testing notes',
    );
    const banner = title.closest('[role="note"]') as HTMLElement;
    expect(
      await within(banner).findByRole('link', { name: 'Bob Brown' }),
    ).toBeInTheDocument();
    const diff = within(banner).getByRole('table', {
      name: 'What changed since it was sent back',
    });
    const rows = within(diff)
      .getAllByRole('row')
      .slice(1)
      .map(row => row.textContent);
    expect(rows).toEqual([
      'RisksRefunds may failRefunds may fail; retried',
      'Testing notesUnit and contract testse2e',
    ]);
  });

  it('confirms a resubmit from the draft’s form as a submit, not a saved draft', async () => {
    const sentBack: ChangeView = {
      ...standardChange,
      state: 'draft',
      version: 6,
      reviewed: undefined,
      allowedActions: ['edit', 'submit', 'cancel'],
    };
    const api = fakeApi(sentBack, events.slice(0, 5));
    api.act.mockResolvedValue({ ...sentBack, state: 'in_review', version: 8 });
    api.editChange.mockResolvedValue({ ...sentBack, version: 7 });
    await renderPage(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Edit draft' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Edit draft' });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Submit' }),
    );
    expect(api.act).toHaveBeenCalledWith('c1', {
      action: 'submit',
      version: 7,
    });
    expect(
      await screen.findByText('Submitted for peer review'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Draft saved')).toBeNull();
  });
});
