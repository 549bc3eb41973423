import userEvent from '@testing-library/user-event';
import { screen, waitFor, within } from '@testing-library/react';
import { formatTime } from '../format';
import {
  emergencyChange,
  fakeApi,
  recordValue,
  renderPage,
  responseError,
  standardChange,
  standardEvents,
} from './__testUtils__/fakeApi';

// Dialogs driven with userEvent take seconds when suites share two cores.
jest.setTimeout(20_000);

describe('ChangePage', () => {
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

  it('shows the record of a standard change', async () => {
    await renderPage(fakeApi());
    await screen.findByRole('table', { name: 'Change record' });

    expect(recordValue('State')).toBe('Awaiting approval');
    expect(recordValue('Version')).toBe('4');
    expect(recordValue('Date raised')).toBe(
      formatTime(standardChange.createdAt),
    );
    expect(recordValue('Type')).toBe('standard');
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
    expect(recordValue('Systems affected')).toBe('system:default/payments');
    expect(
      screen.getByRole('link', { name: 'component:default/payments-service' }),
    ).toHaveAttribute('href', '/catalog/default/component/payments-service');
    expect(recordValue('Raised by')).toBe('user:default/alice');
    expect(recordValue('Reviewed by')).toBe(
      `user:default/bob, ${formatTime(standardChange.reviewed!.at)}`,
    );
    expect(recordValue('CTO approval')).toBe('—');
    expect(recordValue('Production sign-off')).toBe('—');
    expect(recordValue('Staging tested')).toBe('—');
    expect(recordValue('Deployed to production')).toBe('—');
    expect(recordValue('Post-deployment verified')).toBe('—');
    expect(screen.queryByRole('cell', { name: 'Incident' })).toBeNull();
    expect(
      screen.queryByRole('cell', { name: 'Retrospective due' }),
    ).toBeNull();
  });

  it('shows the record of an emergency change', async () => {
    await renderPage(fakeApi(emergencyChange, []));
    await screen.findByRole('table', { name: 'Change record' });

    expect(recordValue('Type')).toBe('emergency');
    expect(recordValue('Incident')).toBe('INC-7 (P1)');
    expect(recordValue('Proposed fix')).toBe('Timeout from 2s to 10s');
    expect(recordValue('CTO approval')).toBe(
      `user:default/carol, ${formatTime(emergencyChange.approved!.at)}`,
    );
    expect(recordValue('Staging tested')).toBe('N/A');
    expect(recordValue('Deployed to production')).toBe(
      `user:default/alice, ${formatTime(emergencyChange.deployed!.at)}`,
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
      `user:default/alice, ${formatTime(
        emergencyChange.retrospective!.at,
      )} (late)`,
    );
    expect(recordValue('What changed')).toBe('The PSP timeout');
    expect(recordValue('Why')).toBe('The PSP got slower');
    expect(recordValue('Approval received')).toBe('CTO on the incident call');
    expect(recordValue('Could it have been prevented?')).toBe('—');
    expect(screen.queryByRole('cell', { name: 'Pull request' })).toBeNull();
    expect(
      screen.queryByRole('cell', { name: 'Production sign-off' }),
    ).toBeNull();
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

  it('marks the current step of the workflow', async () => {
    const { container } = await renderPage(fakeApi());
    expect(
      await screen.findByText('Step 3 of 8: awaiting approval'),
    ).toBeInTheDocument();
    const current = container.querySelector('[aria-current="step"]');
    expect(current).toHaveTextContent('awaiting approval');
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
        'This change is rejected (it left the workflow at awaiting approval); it will not go further.',
      ),
    ).toBeInTheDocument();
  });

  it('lists the events oldest first', async () => {
    await renderPage(fakeApi(standardChange, [...standardEvents].reverse()));
    const list = await screen.findByRole('list', { name: 'Change history' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(3);
    expect(items[0]).toHaveTextContent(/^create: draft/);
    expect(items[1]).toHaveTextContent(/^submit: draft → in review/);
    expect(items[2]).toHaveTextContent(
      /^review: in review → awaiting approval/,
    );
    expect(
      within(items[2]).getByRole('link', { name: 'user:default/bob' }),
    ).toHaveAttribute('href', '/catalog/default/user/bob');
    expect(items[2]).toHaveTextContent(formatTime(standardEvents[2].at));
    expect(items[2]).toHaveTextContent('Looks good to me');
  });

  it('shows every exception and an overdue retrospective', async () => {
    await renderPage(
      fakeApi(
        {
          ...emergencyChange,
          state: 'verified',
          retrospective: undefined,
          overdue: true,
        },
        [],
      ),
    );
    expect(
      await screen.findByText(
        `Retrospective overdue (was due ${formatTime(
          emergencyChange.retrospectiveDueAt,
        )})`,
      ),
    ).toBeInTheDocument();
    const alerts = screen.getAllByRole('alert');
    expect(alerts).toHaveLength(3);
    expect(alerts[1]).toHaveTextContent('Exception: freeze override');
    expect(alerts[1]).toHaveTextContent(
      'Emergency deployed during the freeze 2026-10-01 to 2027-01-01 (user:default/alice',
    );
    expect(alerts[2]).toHaveTextContent('Exception: late retrospective');
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
