import {
  ACTION_LABELS,
  ChangeAction,
  ChangeView,
} from '@trove/backstage-plugin-change-management-common';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  fakeApi,
  renderPage,
  responseError,
  standardChange,
} from './__testUtils__/fakeApi';

const allowing = (...allowedActions: ChangeAction[]): ChangeView => ({
  ...standardChange,
  allowedActions,
});

async function openDialog(action: ChangeAction, change = allowing(action)) {
  const api = fakeApi(change);
  await renderPage(api);
  const label = ACTION_LABELS[action];
  await userEvent.click(await screen.findByRole('button', { name: label }));
  const dialog = screen.getByRole('dialog', { name: label });
  return { api, dialog, label };
}

type Fields = { text: string[]; radiogroups: string[] };

/** Checks that the dialog has exactly these labelled inputs. */
function expectFields(dialog: HTMLElement, expected: Fields) {
  const roles: [string, string[]][] = [
    ['textbox', expected.text],
    ['radiogroup', expected.radiogroups],
  ];
  for (const [role, names] of roles) {
    expect(within(dialog).queryAllByRole(role)).toHaveLength(names.length);
    for (const name of names) {
      expect(within(dialog).getByRole(role, { name })).toBeInTheDocument();
    }
  }
}

// Dialogs driven with userEvent take seconds when suites share two cores.
jest.setTimeout(60_000);

describe('ChangePage actions', () => {
  it('offers exactly the allowed actions', async () => {
    await renderPage(fakeApi());
    await screen.findByRole('heading', { name: 'Upgrade the PSP SDK' });
    expect(screen.getAllByRole('button').map(b => b.textContent)).toEqual([
      'Approve',
      'Request changes',
      'Reject',
      'Cancel change',
    ]);
  });

  it('shows going back and stopping less prominently', async () => {
    await renderPage(fakeApi());
    await screen.findByRole('heading', { name: 'Upgrade the PSP SDK' });
    const variant = (name: string) =>
      screen
        .getByRole('button', { name })
        .className.match(/MuiButton-(contained|outlined)\b/)?.[1];
    // approve moves forward; request-changes is rework; reject and cancel stop.
    expect(variant('Approve')).toBe('contained');
    expect(variant('Request changes')).toBe('outlined');
    expect(variant('Reject')).toBe('outlined');
    expect(variant('Cancel change')).toBe('outlined');
  });

  it('offers no action when the user may take none', async () => {
    await renderPage(fakeApi(allowing()));
    await screen.findByRole('heading', { name: 'Upgrade the PSP SDK' });
    expect(screen.queryAllByRole('button')).toEqual([]);
  });

  const only = (...text: string[]): Fields => ({ text, radiogroups: [] });
  // edit opens the draft's own form (ChangePage.test.tsx).
  const fields: Omit<Record<ChangeAction, Fields>, 'edit'> = {
    submit: only(),
    review: only('Comment'),
    'request-changes': only('Comment'),
    'waive-review': only('Reason'),
    'return-to-review': only('Comment'),
    approve: only('Comment'),
    reject: only('Comment'),
    'record-staging': {
      text: ['Comment'],
      radiogroups: [
        'Functional testing',
        'Regression checks',
        'No unexpected side effects',
        'Staging tested',
      ],
    },
    'sign-off': only('Comment'),
    deploy: only('Deployment reference', 'Comment'),
    verify: {
      text: ['Issues encountered'],
      radiogroups: ['Post-deployment verified'],
    },
    'roll-back': only('Reason'),
    'document-retrospective': only('What changed', 'Why', 'Approval received'),
    'complete-review': {
      text: ['Notes'],
      radiogroups: ['Could it have been prevented?'],
    },
    cancel: only('Reason'),
  };

  it.each(Object.entries(fields))(
    'asks %s for exactly its fields',
    async (action, expected) => {
      const { dialog, label } = await openDialog(action as ChangeAction);
      expectFields(dialog, expected);
      expect(
        within(dialog)
          .getAllByRole('button')
          .map(b => b.textContent),
      ).toEqual(['Close', label]);
    },
  );

  it('asks only for confirmation to submit', async () => {
    const { dialog } = await openDialog('submit');
    expect(dialog).toHaveTextContent('Submit this change for peer review?');
  });

  it('offers Yes, No and N/A for staging', async () => {
    const { dialog } = await openDialog('record-staging');
    const group = within(dialog).getByRole('radiogroup', {
      name: 'Staging tested',
    });
    expect(
      within(group)
        .getAllByRole('radio')
        .map(r => [
          r.getAttribute('value'),
          (r as HTMLInputElement).labels![0].textContent,
        ]),
    ).toEqual([
      ['yes', 'Yes'],
      ['no', 'No'],
      ['n/a', 'N/A'],
    ]);
  });

  it('refuses an empty required field without calling the API', async () => {
    const { api, dialog } = await openDialog('reject');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Reject' }),
    );
    expect(
      await within(dialog).findByText('Comment is required'),
    ).toBeVisible();
    expect(
      within(dialog).getByRole('textbox', { name: 'Comment' }),
    ).toHaveAttribute('aria-invalid', 'true');
    expect(api.act).not.toHaveBeenCalled();
  });

  it('asks for every staging answer, assuming none, all at once', async () => {
    const { api, dialog } = await openDialog('record-staging');
    for (const group of within(dialog).getAllByRole('radiogroup')) {
      for (const radio of within(group).getAllByRole('radio')) {
        expect(radio).not.toBeChecked();
      }
    }
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Record staging' }),
    );
    const message = (name: string) =>
      within(dialog).getByRole('radiogroup', { name }).closest('fieldset')!
        .textContent;
    expect(message('Functional testing')).toContain('Choose Passed or Failed');
    expect(message('Regression checks')).toContain('Choose Passed or Failed');
    expect(message('No unexpected side effects')).toContain(
      'Choose Passed or Failed',
    );
    expect(message('Staging tested')).toContain('Choose Yes, No or N/A');
    expect(api.act).not.toHaveBeenCalled();
  });

  it('asks before recording a failed check, saying what happens', async () => {
    const { api, dialog } = await openDialog('record-staging');
    const answer = async (group: string, label: string) =>
      userEvent.click(
        within(
          within(dialog).getByRole('radiogroup', { name: group }),
        ).getByRole('radio', { name: label }),
      );
    await answer('Functional testing', 'Passed');
    await answer('Regression checks', 'Failed');
    await answer('No unexpected side effects', 'Passed');
    await answer('Staging tested', 'Yes');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Record staging' }),
    );
    const warning = await within(dialog).findByRole('alert');
    expect(warning).toHaveTextContent('Failed: Regression checks');
    expect(warning).toHaveTextContent(
      'The change goes back to draft, and its peer review and CTO approval are cleared',
    );
    expect(api.act).not.toHaveBeenCalled();
    const confirm = within(dialog).getByRole('button', {
      name: 'Record the failure',
    });
    await waitFor(() => expect(confirm).toHaveFocus());

    // Going back keeps the answers.
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Go back' }),
    );
    expect(
      within(
        within(dialog).getByRole('radiogroup', { name: 'Regression checks' }),
      ).getByRole('radio', { name: 'Failed' }),
    ).toBeChecked();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Record staging' }),
    );
    await userEvent.click(
      await within(dialog).findByRole('button', { name: 'Record the failure' }),
    );
    expect(api.act).toHaveBeenCalledWith('c1', {
      action: 'record-staging',
      version: 4,
      functionalTested: true,
      regressionChecked: false,
      noUnexpectedSideEffects: true,
      stagingTested: 'yes',
    });
  });

  it('asks before recording a failed verification', async () => {
    const { api, dialog } = await openDialog('verify', {
      ...allowing('verify'),
      state: 'deployed',
    });
    await userEvent.click(within(dialog).getByRole('radio', { name: 'No' }));
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Issues encountered' }),
      'Refunds fail',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Verify' }),
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Failed: Post-deployment verifiedThe change still moves on to Completed, with the failure on its record for the auditors. If production is broken, roll back instead.',
    );
    expect(api.act).not.toHaveBeenCalled();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Record the failure' }),
    );
    expect(api.act).toHaveBeenCalledWith('c1', {
      action: 'verify',
      version: 4,
      postDeploymentVerified: 'no',
      issuesEncountered: 'Refunds fail',
    });
  });

  it('puts the focus in the first field, and back on the button on close', async () => {
    const { api, dialog } = await openDialog('approve');
    const comment = within(dialog).getByRole('textbox', { name: 'Comment' });
    await waitFor(() => expect(comment).toHaveFocus());
    const user = userEvent.setup();
    // What a keyboard user types lands in the comment.
    await user.keyboard('Ship it');
    expect(comment).toHaveValue('Ship it');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByRole('button', { name: 'Approve' })).toHaveFocus();
    expect(api.act).not.toHaveBeenCalled();
  });

  it('takes an action with the version seen and reloads', async () => {
    const { api, dialog } = await openDialog('approve');
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Comment' }),
      'Go ahead',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve' }),
    );

    expect(api.act).toHaveBeenCalledWith('c1', {
      action: 'approve',
      version: 4,
      comment: 'Go ahead',
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(api.getChange).toHaveBeenCalledTimes(2));
    expect(api.listEvents).toHaveBeenCalledTimes(2);
    // A confirmation, and the focus on what comes next.
    expect(await screen.findByRole('alert')).toHaveTextContent('Approved');
    expect(screen.getByText('Waiting for CTO approval')).toHaveFocus();
  });

  it('leaves out an optional field left blank', async () => {
    const { api, dialog } = await openDialog('approve');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve' }),
    );
    expect(api.act).toHaveBeenCalledWith('c1', {
      action: 'approve',
      version: 4,
    });
  });

  it('records staging from the keyboard', async () => {
    const { api, dialog } = await openDialog('record-staging');
    const user = userEvent.setup();
    // The focus starts on the first answer; Space picks it, Tab moves on,
    // the arrows move within a question.
    const passed = within(
      within(dialog).getByRole('radiogroup', { name: 'Functional testing' }),
    ).getByRole('radio', { name: 'Passed' });
    await waitFor(() => expect(passed).toHaveFocus());
    await user.keyboard(' ');
    for (const group of ['Regression checks', 'No unexpected side effects']) {
      act(() =>
        within(within(dialog).getByRole('radiogroup', { name: group }))
          .getByRole('radio', { name: 'Passed' })
          .focus(),
      );
      await user.keyboard(' ');
    }
    act(() => within(dialog).getByRole('radio', { name: 'Yes' }).focus());
    await user.keyboard('{ArrowRight}{ArrowRight}');
    await user.keyboard('{Enter}');
    await waitFor(() =>
      expect(api.act).toHaveBeenCalledWith('c1', {
        action: 'record-staging',
        version: 4,
        functionalTested: true,
        regressionChecked: true,
        noUnexpectedSideEffects: true,
        stagingTested: 'n/a',
      }),
    );
  });

  it('sends an empty "Issues encountered" when verifying', async () => {
    const { api, dialog } = await openDialog('verify');
    await userEvent.click(within(dialog).getByRole('radio', { name: 'Yes' }));
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Verify' }),
    );
    expect(api.act).toHaveBeenCalledWith('c1', {
      action: 'verify',
      version: 4,
      postDeploymentVerified: 'yes',
      issuesEncountered: '',
    });
  });

  it('reloads on a stale version', async () => {
    const { api, dialog } = await openDialog('approve');
    api.act.mockRejectedValue(
      await responseError(409, 'StaleVersionError', 'Version 4 is old', {
        currentVersion: 5,
      }),
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve' }),
    );

    expect(
      await screen.findByText(
        'Someone else acted on this change in the meantime; it has been reloaded.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(api.getChange).toHaveBeenCalledTimes(2));
  });

  it('reads a refusal by its name, not by its message', async () => {
    const { api, dialog } = await openDialog('deploy');
    api.act.mockRejectedValue(
      await responseError(
        409,
        'ConflictError',
        'Someone else acted on it; deploys are frozen',
      ),
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Deploy' }),
    );

    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent(
      'Someone else acted on it; deploys are frozen',
    );
    expect(alert).not.toHaveTextContent('Production is frozen');
    expect(api.getChange).toHaveBeenCalledTimes(1);
  });

  it("shows the freeze and its window in the freeze's time zone", async () => {
    const { api, dialog } = await openDialog('deploy');
    api.act.mockRejectedValue(
      await responseError(409, 'FreezeError', 'Refused', {
        // Midnight in Auckland is the previous day in UTC.
        window: {
          start: '2026-10-01T00:00:00.000+13:00',
          end: '2027-01-01T00:00:00.000+13:00',
          timeZone: 'Pacific/Auckland',
        },
      }),
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Deploy' }),
    );

    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent(
      'Deploy is closed: production is frozen from 2026-10-01 to 2026-12-31 (Pacific/Auckland)',
    );
    expect(alert).toHaveTextContent(
      'Production reopens on 2027-01-01; deploy then. Only emergency changes may deploy until then.',
    );
    expect(api.getChange).toHaveBeenCalledTimes(1);
  });

  it('offers, when the freeze refuses a deploy, to raise an emergency from the change', async () => {
    const { api, dialog } = await openDialog('deploy');
    api.act.mockRejectedValue(
      await responseError(409, 'FreezeError', 'Refused', {
        window: {
          start: '2026-10-01T00:00:00.000Z',
          end: '2027-01-01T00:00:00.000Z',
          timeZone: 'UTC',
        },
      }),
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Deploy' }),
    );
    const alert = await within(dialog).findByRole('alert');
    expect(alert).not.toHaveTextContent('raise an emergency change');
    await userEvent.click(
      within(alert).getByRole('button', {
        name: 'Raise an emergency from this change',
      }),
    );

    expect(dialog).not.toBeInTheDocument();
    const form = await screen.findByRole('dialog', { name: 'Raise a change' });
    expect(
      within(form).getByRole('button', { name: /Type/ }),
    ).toHaveTextContent('Emergency (hotfix)');
    expect(within(form).getByLabelText(/^Title/)).toHaveValue(
      standardChange.title,
    );
  });

  it('names a blackout, its entity and its reason, rather than the freeze', async () => {
    const { api, dialog } = await openDialog('deploy');
    api.act.mockRejectedValue(
      await responseError(409, 'FreezeError', 'Refused', {
        window: {
          start: '2026-06-10T00:00:00Z',
          end: '2026-06-11T00:00:00Z',
          timeZone: 'UTC',
          entityRef: 'system:default/payments',
          reason: 'Payments database migration',
        },
      }),
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Deploy' }),
    );

    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent(
      'Deploy is closed: production is blacked out for system:default/payments',
    );
    expect(alert).toHaveTextContent('(Payments database migration)');
    expect(alert).toHaveTextContent('reopens on 2026-06-11');
    expect(alert).not.toHaveTextContent('frozen');
  });

  it("puts the server's input issues beside the dialog's fields", async () => {
    const { api, dialog } = await openDialog('reject');
    api.act.mockRejectedValue(
      await responseError(400, 'InputError', 'Invalid request', {
        issues: [
          { path: 'comment', message: 'Comment must say why' },
          { path: '', message: 'The request is odd' },
        ],
      }),
    );
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Comment' }),
      'No',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Reject' }),
    );

    const comment = within(dialog).getByRole('textbox', { name: 'Comment' });
    await waitFor(() =>
      expect(comment).toHaveAccessibleDescription('Comment must say why'),
    );
    expect(comment).toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).getByRole('alert')).toHaveTextContent(
      'The request is odd',
    );
    expect(within(dialog).queryByText('Invalid request')).toBeNull();
  });

  it('says the change moved on and offers to reload it', async () => {
    const { api, dialog } = await openDialog('approve');
    api.act.mockRejectedValue(
      await responseError(409, 'InvalidTransitionError', 'Not now', {
        state: 'ready_for_production',
        allowedActions: ['cancel'],
      }),
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve' }),
    );

    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('This change has moved on');
    expect(alert).toHaveTextContent('It is ready for production now.');
    expect(api.getChange).toHaveBeenCalledTimes(1);
    await userEvent.click(
      within(alert).getByRole('button', { name: 'Reload' }),
    );
    await waitFor(() => expect(api.getChange).toHaveBeenCalledTimes(2));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows any other refusal in the dialog', async () => {
    const { api, dialog } = await openDialog('approve');
    api.act.mockRejectedValue(
      await responseError(403, 'NotAllowedError', 'Only the CTO may approve'),
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve' }),
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Only the CTO may approve',
    );
  });

  it('closes without acting', async () => {
    const { api, dialog } = await openDialog('cancel');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Close' }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.act).not.toHaveBeenCalled();
  });
});
