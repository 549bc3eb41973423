import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ChangeView } from '@trove/backstage-plugin-change-management-common';
import { Settings } from 'luxon';
import { inputError, renderDialog } from './__testUtils__/renderDialog';
import { CONFLICTS_DEBOUNCE_MS } from './useConflicts';

jest.setTimeout(60_000);

// The user's zone is Berlin's, summer time in June: the inputs are read
// and shown there, and sent with its offset.
const systemZone = Settings.defaultZone;
beforeEach(() => {
  Settings.defaultZone = 'Europe/Berlin';
});
afterEach(() => {
  Settings.defaultZone = systemZone;
  window.sessionStorage.clear();
});

const created = { id: 'c1', version: 1, state: 'draft' };
const other = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';

const startInput = () => screen.getByLabelText(/^Planned start/);
const endInput = () => screen.getByLabelText(/^Planned end/);

function pickWindow(start: string, end: string) {
  fireEvent.change(startInput(), { target: { value: start } });
  fireEvent.change(endInput(), { target: { value: end } });
}

describe('RaiseChangeDialog planned window', () => {
  it('sends the window as ISO times with the offset of the user’s zone', async () => {
    const api = {
      createChange: jest.fn().mockResolvedValue(created),
      listConflicts: jest
        .fn()
        .mockResolvedValue({ conflicts: [], windowWarnings: [] }),
    };
    await renderDialog(api);
    await userEvent.type(screen.getByLabelText(/^Title/), 'Rotate keys');
    pickWindow('2026-06-10T09:00', '2026-06-10T10:30');
    await userEvent.click(screen.getByRole('button', { name: 'Save draft' }));
    await waitFor(() => expect(api.createChange).toHaveBeenCalled());
    expect(api.createChange.mock.calls[0][0]).toMatchObject({
      plannedStart: '2026-06-10T09:00:00+02:00',
      plannedEnd: '2026-06-10T10:30:00+02:00',
    });
  });

  it('asks for conflicts only of a full window, once the picks rest, and lists them with links', async () => {
    const listConflicts = jest.fn().mockResolvedValue({
      windowWarnings: [
        {
          reason: 'freeze',
          message: 'The window falls in the freeze: it could not deploy then.',
        },
      ],
      conflicts: [
        {
          id: other,
          title: 'Upgrade the ledger',
          state: 'approved',
          plannedStart: '2026-06-10T07:30:00.000Z',
          plannedEnd: '2026-06-10T08:00:00.000Z',
          reason: 'same-system',
        },
        {
          id: null,
          title: 'Freeze 2026-10-01 to 2026-12-31 (UTC)',
          state: null,
          plannedStart: '2026-10-01T00:00:00.000Z',
          plannedEnd: '2027-01-01T00:00:00.000Z',
          reason: 'freeze',
        },
      ],
    });
    await renderDialog({ listConflicts });
    await userEvent.click(screen.getByRole('button', { name: /Type/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Infrastructure' }),
    );
    fireEvent.change(startInput(), { target: { value: '2026-06-10T09:00' } });
    // A half window is not asked about.
    await new Promise(r => setTimeout(r, CONFLICTS_DEBOUNCE_MS + 200));
    expect(listConflicts).not.toHaveBeenCalled();

    // Quick picks are asked about once, when they rest.
    fireEvent.change(endInput(), { target: { value: '2026-06-10T09:15' } });
    fireEvent.change(endInput(), { target: { value: '2026-06-10T10:00' } });
    const conflicts = await screen.findByRole('list', {
      name: 'Conflicts (2)',
    });
    expect(listConflicts).toHaveBeenCalledTimes(1);
    expect(listConflicts).toHaveBeenCalledWith({
      entityRefs: ['component:default/payments-service'],
      type: 'infrastructure',
      plannedStart: '2026-06-10T09:00:00+02:00',
      plannedEnd: '2026-06-10T10:00:00+02:00',
      excludeId: undefined,
    });

    const [change, freeze] = within(conflicts).getAllByRole('listitem');
    expect(change).toHaveTextContent('Same System: Upgrade the ledger');
    expect(change).toHaveTextContent('Approved');
    expect(
      within(change).getByRole('link', { name: 'Upgrade the ledger' }),
    ).toHaveAttribute('href', `/change-management/changes/${other}`);
    expect(freeze).toHaveTextContent('Freeze: Freeze 2026-10-01');
    expect(within(freeze).queryByRole('link')).toBeNull();

    const warnings = screen.getByRole('list', {
      name: 'Warnings about the planned window',
    });
    expect(warnings).toHaveTextContent('In the freeze');
    expect(warnings).toHaveTextContent('The window falls in the freeze');
  });

  it('fills the window with the next free slot from the chosen start', async () => {
    const findFreeSlot = jest.fn().mockResolvedValue({
      start: '2026-06-11T07:00:00.000Z',
      end: '2026-06-11T08:30:00.000Z',
    });
    const listConflicts = jest
      .fn()
      .mockResolvedValue({ conflicts: [], windowWarnings: [] });
    await renderDialog({ findFreeSlot, listConflicts });
    fireEvent.change(startInput(), { target: { value: '2026-06-10T09:00' } });
    const duration = screen.getByLabelText('Duration');
    await userEvent.clear(duration);
    await userEvent.type(duration, '90');
    await userEvent.click(screen.getByRole('button', { name: /Unit/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'minutes' }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Next free slot' }),
    );

    await waitFor(() => expect(endInput()).toHaveValue('2026-06-11T10:30'));
    expect(startInput()).toHaveValue('2026-06-11T09:00');
    expect(findFreeSlot).toHaveBeenCalledWith({
      entityRefs: ['component:default/payments-service'],
      type: 'standard',
      durationMinutes: 90,
      earliestStart: '2026-06-10T09:00:00+02:00',
      excludeId: undefined,
    });
    expect(screen.getByRole('status')).toHaveTextContent(
      'Next free slot filled in',
    );
  });

  it('shows the server’s reason when there is no free slot, and keeps the window', async () => {
    const reason = 'No free window of 60 minutes within 90 days';
    const findFreeSlot = jest
      .fn()
      .mockResolvedValue({ start: null, end: null, reason });
    await renderDialog({ findFreeSlot });
    await userEvent.click(
      screen.getByRole('button', { name: 'Next free slot' }),
    );
    expect(await screen.findByRole('status')).toHaveTextContent(reason);
    expect(startInput()).toHaveValue('');
    // From now, with no start chosen: 1 hour by default.
    const asked = findFreeSlot.mock.calls[0][0];
    expect(asked.durationMinutes).toBe(60);
    expect(Number.isNaN(Date.parse(asked.earliestStart))).toBe(false);
  });

  it('puts the server’s refusal of the planned end beside that input', async () => {
    const message = 'Planned end must be from 1970 to 9999';
    const api = {
      createChange: jest
        .fn()
        .mockRejectedValue(await inputError([{ path: 'plannedEnd', message }])),
      listConflicts: jest
        .fn()
        .mockResolvedValue({ conflicts: [], windowWarnings: [] }),
    };
    await renderDialog(api);
    await userEvent.type(screen.getByLabelText(/^Title/), 'Rotate keys');
    pickWindow('2026-06-10T09:00', '2026-06-10T10:00');
    await userEvent.click(screen.getByRole('button', { name: 'Save draft' }));
    await waitFor(() =>
      expect(endInput()).toHaveAccessibleDescription(message),
    );
    expect(endInput()).toHaveAttribute('aria-invalid', 'true');
    expect(startInput()).not.toHaveAttribute('aria-invalid', 'true');
  });

  it('edits a draft’s window, leaving the draft out of its own conflicts', async () => {
    const draft: ChangeView = {
      id: other,
      type: 'standard',
      state: 'draft',
      version: 3,
      title: 'Rotate keys',
      description: '',
      risks: '',
      testingNotes: '',
      affectedEntityRefs: ['component:default/payments-service'],
      affectedSystemRefs: [],
      createdBy: 'user:default/alice',
      createdAt: '2026-05-01T10:00:00.000Z',
      updatedAt: '2026-05-01T10:00:00.000Z',
      exceptions: [],
      overdue: false,
      allowedActions: ['edit'],
      plannedStart: '2026-06-10T07:00:00.000Z',
      plannedEnd: '2026-06-10T08:00:00.000Z',
    };
    const api = {
      editChange: jest.fn().mockResolvedValue({ ...draft, version: 4 }),
      listConflicts: jest
        .fn()
        .mockResolvedValue({ conflicts: [], windowWarnings: [] }),
    };
    await renderDialog(api, jest.fn(), draft);
    expect(startInput()).toHaveValue('2026-06-10T09:00');
    expect(endInput()).toHaveValue('2026-06-10T10:00');
    await waitFor(() =>
      expect(api.listConflicts).toHaveBeenCalledWith(
        expect.objectContaining({ excludeId: other }),
      ),
    );
    fireEvent.change(endInput(), { target: { value: '2026-06-10T11:00' } });
    await userEvent.click(screen.getByRole('button', { name: 'Save draft' }));
    await waitFor(() => expect(api.editChange).toHaveBeenCalled());
    expect(api.editChange.mock.calls[0][1]).toMatchObject({
      plannedStart: '2026-06-10T09:00:00+02:00',
      plannedEnd: '2026-06-10T11:00:00+02:00',
      version: 3,
    });
  });
});
