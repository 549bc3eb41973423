import userEvent from '@testing-library/user-event';
import { screen, waitFor, within } from '@testing-library/react';
import { formatTime } from '../format';
import { fakeSignals } from '../../__testUtils__/signals';
import {
  asDetail,
  emergencyChange,
  fakeApi,
  recordValue,
  renderPage,
  responseError,
  standardChange,
  standardEvents,
} from './__testUtils__/fakeApi';

// Dialogs driven with userEvent take seconds when suites share two cores.
jest.setTimeout(60_000);

describe('ChangePage', () => {
  it('shows what someone else did to the change without a reload', async () => {
    const signals = fakeSignals();
    const api = fakeApi();
    await renderPage(api, signals.api);
    await screen.findByRole('table', { name: 'Change record' });
    expect(recordValue('State')).toBe('Awaiting approval');

    // Another change moved: this one is not fetched again.
    await signals.send('change-management', { changeId: 'c2' });
    expect(api.getChange).toHaveBeenCalledTimes(1);

    api.getChange.mockResolvedValue(
      asDetail({
        ...standardChange,
        state: 'approved',
        version: 5,
        approved: { by: 'user:default/carol', at: '2026-03-03T10:00:00.000Z' },
        allowedActions: [],
      }),
    );
    await signals.send('change-management', { changeId: 'c1' });
    await waitFor(() => expect(recordValue('State')).toBe('Approved'));
    expect(api.getChange).toHaveBeenCalledTimes(2);
    expect(api.listEvents).toHaveBeenCalledTimes(2);
  });

  it('shows progress while loading', async () => {
    const api = fakeApi();
    api.getChange.mockReturnValue(new Promise(() => {}));
    await renderPage(api);
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('loads the change and its events by the id in the route', async () => {
    const api = fakeApi();
    await renderPage(api);
    expect(
      await screen.findByRole('heading', { name: 'Upgrade the PSP SDK' }),
    ).toBeInTheDocument();
    expect(api.getChange).toHaveBeenCalledWith('c1');
    expect(api.listEvents).toHaveBeenCalledWith('c1');
  });

  it('says plainly when the change does not exist', async () => {
    const api = fakeApi();
    api.getChange.mockRejectedValue(
      await responseError(404, 'NotFoundError', "No change with id 'c1'"),
    );
    await renderPage(api);
    expect(
      await screen.findByText(/Change c1 was not found/),
    ).toBeInTheDocument();
    expect(screen.getByText("No change with id 'c1'")).toBeInTheDocument();
  });

  it('shows the record of a standard change, with names from the catalog', async () => {
    await renderPage(fakeApi());
    await screen.findByRole('table', { name: 'Change record' });

    expect(recordValue('State')).toBe('Awaiting approval');
    expect(recordValue('Date raised')).toBe(
      formatTime(standardChange.createdAt),
    );
    expect(recordValue('Type')).toBe('Standard');
    expect(recordValue('Description (what and why)')).toBe(
      'Move to v5 because v4 is end of life',
    );
    expect(recordValue('Risks and side effects')).toBe('Refunds may fail');
    expect(recordValue('Tested locally')).toBe('Unit and contract tests');
    expect(
      screen.getByRole('link', {
        name: /^https:\/\/github.com\/acme\/payments\/pull\/42/,
      }),
    ).toHaveAttribute('href', standardChange.pullRequestUrl);
    await waitFor(() => expect(recordValue('Raised by')).toBe('Alice Adams'));
    expect(recordValue('Systems affected')).toBe('Payments');
    expect(
      screen.getByRole('link', { name: 'Payments service' }),
    ).toHaveAttribute('href', '/catalog/default/component/payments-service');
    expect(recordValue('Reviewed by')).toBe(
      `Bob Brown, ${formatTime(standardChange.reviewed!.at)}`,
    );
    // The version is internal, and steps not reached yet are left out.
    for (const label of [
      'Version',
      'CTO approval',
      'Production sign-off',
      'Staging tested',
      'Deployed to production',
      'Post-deployment verified',
      'Incident',
      'Retrospective due',
    ]) {
      expect(screen.queryByRole('cell', { name: label })).toBeNull();
    }
    expect(document.body).not.toHaveTextContent('user:default/');
  });

  it('shows the record of an emergency change', async () => {
    await renderPage(fakeApi(emergencyChange, []));
    await screen.findByRole('table', { name: 'Change record' });

    expect(recordValue('Type')).toBe('Emergency');
    expect(recordValue('Incident')).toBe('INC-7 (P1)');
    expect(recordValue('Proposed fix')).toBe('Timeout from 2s to 10s');
    await waitFor(() =>
      expect(recordValue('CTO approval')).toBe(
        `Carol Chen (CTO), ${formatTime(emergencyChange.approved!.at)}`,
      ),
    );
    expect(recordValue('Deployed to production')).toBe(
      `Alice Adams, ${formatTime(emergencyChange.deployed!.at)}`,
    );
    expect(
      screen.getByRole('link', { name: /^https:\/\/ci.example.com\/runs\/77/ }),
    ).toHaveAttribute('href', 'https://ci.example.com/runs/77');
    expect(recordValue('Post-deployment verified')).toBe('Yes');
    expect(recordValue('Issues encountered')).toBe('None after the deploy');
    expect(recordValue('Retrospective due')).toBe(
      formatTime(emergencyChange.retrospectiveDueAt),
    );
    expect(recordValue('Retrospective done')).toBe(
      `Alice Adams, ${formatTime(emergencyChange.retrospective!.at)} (late)`,
    );
    expect(recordValue('What changed')).toBe('The PSP timeout');
    expect(recordValue('Why')).toBe('The PSP got slower');
    expect(recordValue('Approval received')).toBe('CTO on the incident call');
    for (const label of [
      'Could it have been prevented?',
      'Pull request',
      'Production sign-off',
      'Staging tested',
    ]) {
      expect(screen.queryByRole('cell', { name: label })).toBeNull();
    }
  });

  it("shows the post-deployment review once it's done", async () => {
    await renderPage(
      fakeApi(
        {
          ...emergencyChange,
          state: 'completed',
          postDeploymentReview: {
            by: 'user:default/carol',
            at: '2026-10-09T10:00:00.000Z',
            preventable: 'no',
            notes: 'PSP degradation outside our control',
          },
        },
        [],
      ),
    );
    await screen.findByRole('table', { name: 'Change record' });
    expect(recordValue('Could it have been prevented?')).toBe('No');
    expect(recordValue('Review notes')).toBe(
      'PSP degradation outside our control',
    );
  });

  it('marks the current step of the workflow and says who acts next', async () => {
    const { container } = await renderPage(fakeApi());
    expect(
      await screen.findByText('Step 3 of 8: Awaiting approval'),
    ).toBeInTheDocument();
    const current = container.querySelector('[aria-current="step"]');
    expect(current).toHaveTextContent('Awaiting approval');
    expect(screen.getByText('Waiting for CTO approval')).toBeInTheDocument();
  });

  it('says plainly when a change left the workflow', async () => {
    const events = [
      ...standardEvents,
      {
        ...standardEvents[2],
        id: 'e4',
        seq: 4,
        action: 'reject' as const,
        fromState: 'awaiting_approval' as const,
        toState: 'rejected' as const,
      },
    ];
    await renderPage(
      fakeApi(
        { ...standardChange, state: 'rejected', allowedActions: [] },
        events,
      ),
    );
    expect(
      await screen.findByText(
        'Rejected (it left the workflow at Awaiting approval)',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Rejected: nothing more happens under this change; raise a new one if it is still needed',
      ),
    ).toBeInTheDocument();
  });

  it('lists the events oldest first, in words and names', async () => {
    await renderPage(fakeApi(standardChange, [...standardEvents].reverse()));
    const list = await screen.findByRole('list', { name: 'Change history' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(3);
    expect(items[0]).toHaveTextContent(/^Raised: Draft/);
    expect(items[1]).toHaveTextContent(
      /^Submitted for peer review: Draft → In review/,
    );
    expect(items[2]).toHaveTextContent(
      /^Reviewed: In review → Awaiting approval/,
    );
    expect(
      await within(items[2]).findByRole('link', { name: 'Bob Brown' }),
    ).toHaveAttribute('href', '/catalog/default/user/bob');
    expect(items[2]).toHaveTextContent(formatTime(standardEvents[2].at));
    expect(items[2]).toHaveTextContent('Looks good to me');
  });

  it('labels each event by the change’s type: an emergency goes to the CTO', async () => {
    const submitted = {
      ...standardEvents[1],
      toState: 'awaiting_approval' as const,
    };
    await renderPage(fakeApi(emergencyChange, [standardEvents[0], submitted]));
    const list = await screen.findByRole('list', { name: 'Change history' });
    const [, submit] = within(list).getAllByRole('listitem');
    expect(submit).toHaveTextContent(
      /^Submitted for CTO approval: Draft → Awaiting approval/,
    );
    expect(list).not.toHaveTextContent('peer review');
  });

  it('shows every exception, with times in one zone', async () => {
    const deploy = {
      ...standardEvents[0],
      id: 'e9',
      seq: 9,
      action: 'deploy' as const,
      fromState: 'approved' as const,
      toState: 'deployed' as const,
      at: emergencyChange.deployed!.at,
      fields: {
        freezeOverride: true as const,
        freezeWindow: {
          start: '2026-10-01T00:00:00.000Z',
          end: '2027-01-01T00:00:00.000Z',
          timeZone: 'UTC',
        },
        approvalReliedOn: emergencyChange.approved,
      },
    };
    await renderPage(fakeApi(emergencyChange, [deploy]));
    const freeze = (await screen.findByText('Exception: Freeze override'))
      .parentElement!;
    await waitFor(() =>
      expect(freeze).toHaveTextContent(
        `Deployed while production was frozen from 2026-10-01 to 2026-12-31 (UTC), relying on the CTO approval of Carol Chen (CTO) at ${formatTime(
          emergencyChange.approved!.at,
        )}.`,
      ),
    );
    expect(freeze).not.toHaveTextContent(/\dT\d/);
    const late = screen.getByText('Exception: Late retrospective')
      .parentElement!;
    expect(late).toHaveTextContent(
      `Documented ${formatTime(
        emergencyChange.retrospective!.at,
      )}, after the due time ${formatTime(
        emergencyChange.retrospectiveDueAt,
      )}.`,
    );
  });

  it('shows no warnings for a change without exceptions', async () => {
    await renderPage(fakeApi());
    await screen.findByRole('table', { name: 'Change record' });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  const draft = {
    ...standardChange,
    state: 'draft' as const,
    version: 2,
  };

  it('edits a draft through its form when the server allows edit', async () => {
    const api = fakeApi({
      ...draft,
      allowedActions: ['edit', 'submit', 'cancel'],
    });
    await renderPage(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Edit draft' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Edit draft' });
    const title = within(dialog).getByLabelText(/Title/);
    expect(title).toHaveValue('Upgrade the PSP SDK');
    await userEvent.type(title, ' v5');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Save draft' }),
    );
    expect(api.editChange).toHaveBeenCalledWith(
      'c1',
      expect.objectContaining({ title: 'Upgrade the PSP SDK v5', version: 2 }),
    );
    expect(api.act).not.toHaveBeenCalled();
    await waitFor(() => expect(api.getChange).toHaveBeenCalledTimes(2));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it("shows the server's warning on the draft's pull request after the form saves it", async () => {
    const api = fakeApi({
      ...draft,
      allowedActions: ['edit', 'submit', 'cancel'],
    });
    const message =
      'The pull request is in acme/other, a repository none of the affected entities names (github.com/project-slug: acme/payments-service)';
    api.editChange.mockImplementation(async (_id, input) => ({
      ...draft,
      ...input,
      version: 3,
      allowedActions: ['edit', 'submit', 'cancel'],
      pullRequestWarnings: [{ code: 'repository-not-affected', message }],
    }));
    await renderPage(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Edit draft' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Edit draft' });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Save draft' }),
    );
    const alert = await screen.findByText(/Saved, but check its pull request/);
    expect(alert).toHaveTextContent(message);
    // Saved, not refused: the draft is the server's new version.
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('offers no edit when the server does not allow it', async () => {
    // Submit alone does not imply edit: the server decides each one.
    await renderPage(fakeApi({ ...draft, allowedActions: ['submit'] }));
    expect(
      await screen.findByRole('button', { name: 'Submit' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Edit draft' }),
    ).not.toBeInTheDocument();
  });

  it('offers edit alone when that is all the server allows', async () => {
    await renderPage(fakeApi({ ...draft, allowedActions: ['edit'] }));
    await screen.findByRole('heading', { name: 'Upgrade the PSP SDK' });
    expect(screen.getAllByRole('button').map(b => b.textContent)).toEqual([
      'Edit draft',
    ]);
  });
});
