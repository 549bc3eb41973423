import {
  ACTION_LABELS,
  ChangeAction,
  ChangePullRequest,
  pullRequestWarnings,
} from '@trove/backstage-plugin-change-management-common';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { aPullRequest } from '../../__testUtils__/changes';
import { formatTime } from '../format';
import { fakeApi, renderPage, standardChange } from './__testUtils__/fakeApi';

jest.setTimeout(30_000);

const snapshot = aPullRequest({ url: standardChange.pullRequestUrl });

/** GET /changes/:id/pull-request as the server answers with a reader. */
const kept = (warnings = pullRequestWarnings(snapshot)): ChangePullRequest => ({
  url: snapshot.url,
  reader: true,
  snapshot,
  warnings,
});

async function openDialog(action: ChangeAction, answer: ChangePullRequest) {
  const api = fakeApi({
    ...standardChange,
    state: action === 'sign-off' ? 'staging_verified' : 'awaiting_approval',
    allowedActions: [action],
  });
  api.getPullRequest.mockResolvedValue(answer);
  await renderPage(api);
  const label = ACTION_LABELS[action];
  await userEvent.click(await screen.findByRole('button', { name: label }));
  return { api, dialog: screen.getByRole('dialog', { name: label }) };
}

// Issue 20: the CTO signs knowing what the kept snapshot lacks.
describe('the PR in the approve and sign-off dialogs', () => {
  it.each(['approve', 'sign-off'] as const)(
    "%s: warns in the judge's words, from the snapshot the server keeps",
    async action => {
      const { api, dialog } = await openDialog(action, kept());
      const alert = await within(dialog).findByRole('alert');
      expect(
        within(alert).getByText(
          `Pull request #42, as read ${formatTime(snapshot.readAt)}`,
        ),
      ).toBeInTheDocument();
      expect(
        within(alert)
          .getAllByRole('listitem')
          .map(item => item.textContent),
      ).toEqual([
        'Pull request #42 is open, not merged',
        'Checks failing on the head commit: test (failure)',
      ]);
      // The stored snapshot; the dialog asks for no new read of GitHub.
      expect(api.refreshPullRequest).not.toHaveBeenCalled();
    },
  );

  it('says nothing when the PR has nothing to warn of', async () => {
    const { api, dialog } = await openDialog('approve', kept([]));
    // The page's card asked, then the dialog: wait for the dialog's answer.
    await waitFor(() => expect(api.getPullRequest).toHaveBeenCalledTimes(2));
    await act(() => api.getPullRequest.mock.results[1].value);
    expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument();
  });

  it('does not ask for the PR in a dialog that does not sign for it', async () => {
    const { api, dialog } = await openDialog('reject', kept());
    expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument();
    // Only the page's card asked.
    expect(api.getPullRequest).toHaveBeenCalledTimes(1);
  });
});
