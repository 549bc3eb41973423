import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { aPullRequest } from '../../__testUtils__/changes';
import { fakeApi, renderPage, standardChange } from './__testUtils__/fakeApi';

const PR = standardChange.pullRequestUrl!;

const snapshot = aPullRequest({ url: PR });

jest.setTimeout(30_000);

describe('ChangePage pull request', () => {
  it("shows the PR as last read, with the server's warnings, and reads it again on Refresh", async () => {
    const api = fakeApi();
    api.getPullRequest.mockResolvedValue({
      url: PR,
      reader: true,
      snapshot: null,
      warnings: [],
    });
    api.refreshPullRequest.mockResolvedValue({
      url: PR,
      reader: true,
      snapshot,
      warnings: [
        {
          code: 'failing-checks',
          message: 'Checks failing on the head commit: test (failure)',
        },
      ],
    });
    await renderPage(api);
    const card = (
      await screen.findByRole('heading', { name: 'Pull request' })
    ).closest('.MuiCard-root') as HTMLElement;
    expect(await within(card).findByText(/not read yet/)).toBeInTheDocument();
    expect(api.getPullRequest).toHaveBeenCalledWith('c1');
    expect(api.refreshPullRequest).not.toHaveBeenCalled();

    fireEvent.click(within(card).getByRole('button', { name: 'Refresh' }));
    await waitFor(() =>
      expect(
        within(card).getByText(
          'Checks failing on the head commit: test (failure)',
        ),
      ).toBeInTheDocument(),
    );
    expect(api.refreshPullRequest).toHaveBeenCalledWith('c1');
    expect(
      within(card).getByText('acme/payments#42: Upgrade the PSP SDK to v5'),
    ).toBeInTheDocument();
    const approvals = within(card).getByRole('list', {
      name: 'Approving reviews',
    });
    expect(within(approvals).getByText('bob')).toBeInTheDocument();
    const checks = within(card).getByRole('list', {
      name: 'Checks on the head commit',
    });
    expect(within(checks).getByText('test: failure')).toBeInTheDocument();
  });
});
