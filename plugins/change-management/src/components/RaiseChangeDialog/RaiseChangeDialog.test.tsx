import { ResponseError } from '@backstage/errors';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { inputError, renderDialog } from './__testUtils__/renderDialog';

// Typing into many fields with userEvent takes a few seconds, and many
// more when the suites share two cores.
jest.setTimeout(90_000);

const created = { id: 'c1', version: 1, state: 'draft' };

async function fillStandard() {
  await userEvent.type(screen.getByLabelText(/Title/), 'Upgrade the PSP SDK');
  await userEvent.type(
    screen.getByLabelText(/^What is changing and why/),
    'For 3DS2',
  );
  await userEvent.type(
    screen.getByLabelText(/^Risks and potential side effects/),
    'Refunds',
  );
  await userEvent.type(
    screen.getByLabelText(/^How it was tested locally/),
    'Sandbox',
  );
}

describe('RaiseChangeDialog', () => {
  afterEach(() => window.sessionStorage.clear());

  it('marks what a submit requires, for the type, and starts in the first field', async () => {
    await renderDialog({});
    await waitFor(() =>
      expect(screen.getByRole('button', { name: /Type/ })).toHaveFocus(),
    );
    const requiredOnes = [
      /^Title/,
      /^What is changing and why/,
      /^Risks and potential side effects/,
      /^How it was tested locally/,
      /^Pull request URL/,
      /^Affected entities/,
    ];
    for (const label of requiredOnes) {
      expect(screen.getByLabelText(label)).toBeRequired();
    }
    await userEvent.click(screen.getByRole('button', { name: /Type/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Infrastructure' }),
    );
    expect(screen.getByLabelText(/^Pull request URL/)).not.toBeRequired();
    await userEvent.click(screen.getByRole('button', { name: /Type/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Emergency (hotfix)' }),
    );
    expect(screen.getByLabelText(/^Incident reference/)).toBeRequired();
    expect(screen.getByLabelText(/^Proposed fix/)).toBeRequired();
  });

  it('asks before discarding a filled form, and keeps it for the tab', async () => {
    const onClose = jest.fn();
    const { unmount } = await renderDialog({}, onClose);
    await userEvent.type(screen.getByLabelText(/^Title/), 'Half typed');
    const user = userEvent.setup();
    await user.keyboard('{Escape}');
    const ask = await screen.findByRole('dialog', {
      name: 'Discard this change?',
    });
    await user.click(within(ask).getByRole('button', { name: 'Keep editing' }));
    expect(onClose).not.toHaveBeenCalled();
    expect(screen.getByLabelText(/^Title/)).toHaveValue('Half typed');

    // Reopened in the same tab, the form is as it was left.
    unmount();
    await renderDialog({}, onClose);
    expect(screen.getByLabelText(/^Title/)).toHaveValue('Half typed');

    await user.click(screen.getByRole('button', { name: 'Close' }));
    await user.click(
      within(
        await screen.findByRole('dialog', { name: 'Discard this change?' }),
      ).getByRole('button', { name: 'Discard' }),
    );
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(window.sessionStorage.length).toBe(0);
  });

  it('closes an untouched form without asking', async () => {
    const onClose = jest.fn();
    await renderDialog({}, onClose);
    await userEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(screen.queryByText('Discard this change?')).toBeNull();
  });

  it('starts with the current entity affected and saves a draft', async () => {
    const api = {
      createChange: jest.fn().mockResolvedValue(created),
      act: jest.fn(),
    };
    await renderDialog(api);
    // The entity by its name in the catalog, not its ref.
    expect(await screen.findByText('Payments service')).toBeInTheDocument();
    expect(screen.queryByText('component:default/payments-service')).toBeNull();
    await userEvent.type(screen.getByLabelText(/Title/), 'Just an idea');
    await userEvent.click(screen.getByRole('button', { name: 'Save draft' }));
    expect(api.createChange).toHaveBeenCalledWith(
      expect.objectContaining({
        type: 'standard',
        title: 'Just an idea',
        affectedEntityRefs: ['component:default/payments-service'],
      }),
    );
    expect(api.act).not.toHaveBeenCalled();
  });

  it('submits a complete standard change for review', async () => {
    const api = {
      createChange: jest.fn().mockResolvedValue(created),
      act: jest.fn().mockResolvedValue({ ...created, version: 2 }),
    };
    await renderDialog(api);
    await fillStandard();
    await userEvent.type(
      screen.getByLabelText(/^Pull request URL/),
      'https://github.com/acme/payments/pull/1',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Submit' }));
    expect(api.act).toHaveBeenCalledWith('c1', {
      action: 'submit',
      version: 1,
    });
  });

  it('after a refused submit, tries again on the draft it saved', async () => {
    const api = {
      createChange: jest.fn().mockResolvedValue(created),
      editChange: jest.fn().mockResolvedValue({ ...created, version: 2 }),
      act: jest
        .fn()
        .mockRejectedValueOnce(
          await inputError([
            { path: 'pullRequestUrl', message: 'Pull request is closed' },
          ]),
        )
        .mockResolvedValueOnce({ ...created, version: 3 }),
    };
    await renderDialog(api);
    await fillStandard();
    const url = screen.getByLabelText(/^Pull request URL/);
    await userEvent.type(url, 'https://github.com/acme/payments/pull/1');
    await userEvent.click(screen.getByRole('button', { name: 'Submit' }));
    await waitFor(() =>
      expect(url).toHaveAccessibleDescription('Pull request is closed'),
    );

    await userEvent.clear(url);
    await userEvent.type(url, 'https://github.com/acme/payments/pull/2');
    await userEvent.click(screen.getByRole('button', { name: 'Submit' }));
    await waitFor(() => expect(api.act).toHaveBeenCalledTimes(2));
    expect(api.createChange).toHaveBeenCalledTimes(1);
    expect(api.editChange).toHaveBeenCalledWith(
      'c1',
      expect.objectContaining({
        pullRequestUrl: 'https://github.com/acme/payments/pull/2',
        version: 1,
      }),
    );
    expect(api.act).toHaveBeenLastCalledWith('c1', {
      action: 'submit',
      version: 2,
    });
  });

  it('names everything a submit still lacks, beside each field', async () => {
    const api = { createChange: jest.fn(), act: jest.fn() };
    await renderDialog(api);
    await userEvent.type(screen.getByLabelText(/Title/), 'Half a change');
    await userEvent.click(screen.getByRole('button', { name: 'Submit' }));

    // Beside each input, and summed up above the form (below).
    await screen.findByRole('alert');
    expect(
      screen.getByLabelText(/^What is changing and why/),
    ).toHaveAccessibleDescription(
      'Description (what and why) is required to submit',
    );
    expect(
      screen.getByLabelText(/^Risks and potential side effects/),
    ).toHaveAccessibleDescription('Risks / side effects is required to submit');
    expect(
      screen.getByLabelText(/^How it was tested locally/),
    ).toHaveAccessibleDescription(
      'How it was tested locally is required to submit',
    );
    expect(
      screen.getByLabelText(/^Pull request URL/),
    ).toHaveAccessibleDescription('A pull request URL is required to submit');
    expect(screen.getByLabelText(/Title/)).not.toHaveAttribute(
      'aria-invalid',
      'true',
    );
    // A summary above the form, read out, and the focus on the first input
    // at fault.
    const summary = screen.getByRole('alert');
    expect(summary).toHaveTextContent('4 fields need fixing');
    expect(
      within(summary)
        .getAllByRole('button')
        .map(b => b.textContent),
    ).toEqual([
      'Description (what and why) is required to submit',
      'Risks / side effects is required to submit',
      'How it was tested locally is required to submit',
      'A pull request URL is required to submit',
    ]);
    expect(screen.getByLabelText(/^What is changing and why/)).toHaveFocus();
    expect(api.createChange).not.toHaveBeenCalled();

    // Each issue leads to its input.
    await userEvent.click(
      within(summary).getByRole('button', {
        name: 'A pull request URL is required to submit',
      }),
    );
    expect(screen.getByLabelText(/^Pull request URL/)).toHaveFocus();
  });

  it('checks each input as it is left and as it changes, so no error goes stale', async () => {
    await renderDialog({ createChange: jest.fn(), act: jest.fn() });
    const title = screen.getByLabelText(/^Title/);
    expect(title).not.toHaveAttribute('aria-invalid', 'true');

    await userEvent.click(title);
    await userEvent.tab();
    // The first issue the workflow's own checks find with it.
    expect(title).toHaveAccessibleDescription(/^Title is required/);
    expect(title).toHaveAttribute('aria-invalid', 'true');

    await userEvent.type(title, 'U');
    expect(title).not.toHaveAttribute('aria-invalid', 'true');
    expect(title).not.toHaveAccessibleDescription();
    // Nothing is summed up before a Submit or Save draft.
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('marks the pull request optional for Infrastructure, as the submit check does', async () => {
    const api = { createChange: jest.fn(), act: jest.fn() };
    await renderDialog(api);
    await userEvent.click(screen.getByRole('button', { name: 'Submit' }));
    expect(
      screen.getByLabelText(/^Pull request URL/),
    ).toHaveAccessibleDescription('A pull request URL is required to submit');

    await userEvent.click(screen.getByRole('button', { name: /Type/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Infrastructure' }),
    );
    const url = screen.getByLabelText(/^Pull request URL/);
    expect(url).toHaveAccessibleName('Pull request URL (optional)');
    expect(url).not.toBeRequired();
    expect(url).not.toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('alert')).not.toHaveTextContent(/pull request/i);
  });

  it('asks an emergency for the incident and the proposed fix, not a PR', async () => {
    await renderDialog({ createChange: jest.fn(), act: jest.fn() });
    expect(screen.getByLabelText(/^Pull request URL/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: /Type/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Emergency (hotfix)' }),
    );
    expect(
      screen.queryByLabelText(/^Pull request URL/),
    ).not.toBeInTheDocument();
    expect(screen.getByLabelText(/^Incident reference/)).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: /Incident severity/ }),
    ).toBeInTheDocument();
    expect(screen.getByLabelText(/^Proposed fix/)).toBeInTheDocument();
  });

  it("puts the server's input issues beside their fields", async () => {
    const error = await inputError([
      {
        path: 'pullRequestUrl',
        message: 'Pull request URL must start with http:// or https://',
      },
      { path: 'affectedEntityRefs.0', message: 'Entity ref is not known' },
    ]);
    await renderDialog({
      createChange: jest.fn().mockRejectedValue(error),
      act: jest.fn(),
    });
    await userEvent.type(screen.getByLabelText(/Title/), 'x');
    await userEvent.click(screen.getByRole('button', { name: 'Save draft' }));

    await waitFor(() =>
      expect(
        screen.getByLabelText(/^Pull request URL/),
      ).toHaveAccessibleDescription(
        'Pull request URL must start with http:// or https://',
      ),
    );
    expect(
      screen.getByLabelText(/^Affected entities/),
    ).toHaveAccessibleDescription('Entity ref is not known');
    // The message is a summary for people; the issues carry the detail.
    expect(screen.queryByText(/Invalid request/)).toBeNull();
  });

  it("puts an emergency's incident issues beside the incident inputs", async () => {
    const error = await inputError([
      { path: 'incident.ref', message: 'Incident reference is too long' },
      {
        path: 'incident.severity',
        message: 'Incident severity must be P1 or P2',
      },
      { path: '', message: 'The change log is read-only today' },
    ]);
    await renderDialog({
      createChange: jest.fn().mockRejectedValue(error),
      act: jest.fn(),
    });
    await userEvent.click(screen.getByRole('button', { name: /Type/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Emergency (hotfix)' }),
    );
    await userEvent.type(screen.getByLabelText(/Title/), 'Hotfix');
    await userEvent.click(screen.getByRole('button', { name: 'Save draft' }));

    await waitFor(() =>
      expect(
        screen.getByLabelText(/^Incident reference/),
      ).toHaveAccessibleDescription('Incident reference is too long'),
    );
    expect(
      document.getElementById('raise-change-severity-helper-text'),
    ).toHaveTextContent('Incident severity must be P1 or P2');
    expect(screen.getByRole('alert')).toHaveTextContent(
      'The change log is read-only today',
    );
  });

  it('shows any other refusal as a general alert', async () => {
    const error = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: { name: 'NotAllowedError', message: 'You may not raise' },
          response: { statusCode: 403 },
        }),
        { status: 403, headers: { 'Content-Type': 'application/json' } },
      ),
    );
    await renderDialog({
      createChange: jest.fn().mockRejectedValue(error),
      act: jest.fn(),
    });
    await userEvent.type(screen.getByLabelText(/Title/), 'x');
    await userEvent.click(screen.getByRole('button', { name: 'Save draft' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'You may not raise',
    );
  });
});
