import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ChangeRisk } from '@trove/backstage-plugin-change-management-common';
import { Settings } from 'luxon';
import { renderDialog } from './__testUtils__/renderDialog';

jest.setTimeout(60_000);

const systemZone = Settings.defaultZone;
beforeEach(() => {
  Settings.defaultZone = 'Europe/Berlin';
});
afterEach(() => {
  Settings.defaultZone = systemZone;
  window.sessionStorage.clear();
});

const high: ChangeRisk = {
  level: 'high',
  score: 27,
  reasons: [
    {
      factor: 'blast-radius',
      points: 13,
      message: '7 entities depend on payments-db (3 Systems, 2 teams)',
    },
    { factor: 'type', points: 5, message: 'An infrastructure change' },
  ],
  assessedAt: '2026-06-10T10:00:00.000Z',
};

const section = () => screen.getByRole('region', { name: 'Risk' });

describe('RaiseChangeDialog risk', () => {
  it('shows the risk the server assesses, asked again as type and window are picked', async () => {
    const previewRisk = jest.fn().mockResolvedValue({ risk: high });
    await renderDialog({
      previewRisk,
      listConflicts: jest
        .fn()
        .mockResolvedValue({ conflicts: [], windowWarnings: [] }),
    });
    expect(
      await within(section()).findByText('High risk · 27'),
    ).toBeInTheDocument();
    expect(section()).toHaveTextContent(
      '7 entities depend on payments-db (3 Systems, 2 teams)+13 points',
    );
    expect(previewRisk).toHaveBeenCalledTimes(1);
    expect(previewRisk).toHaveBeenLastCalledWith({
      entityRefs: ['component:default/payments-service'],
      type: 'standard',
      pullRequestUrl: undefined,
      excludeId: undefined,
    });

    await userEvent.click(screen.getByRole('button', { name: /Type/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Infrastructure' }),
    );
    fireEvent.change(screen.getByLabelText(/^Planned start/), {
      target: { value: '2026-06-10T09:00' },
    });
    fireEvent.change(screen.getByLabelText(/^Planned end/), {
      target: { value: '2026-06-10T10:00' },
    });
    await waitFor(() =>
      expect(previewRisk).toHaveBeenLastCalledWith({
        entityRefs: ['component:default/payments-service'],
        type: 'infrastructure',
        plannedStart: '2026-06-10T09:00:00+02:00',
        plannedEnd: '2026-06-10T10:00:00+02:00',
        pullRequestUrl: undefined,
        excludeId: undefined,
      }),
    );
  });

  it('asks nothing without an entity, and says why the risk is missing', async () => {
    const previewRisk = jest.fn().mockResolvedValue({ risk: high });
    await renderDialog({ previewRisk });
    await within(section()).findByText('High risk · 27');
    // The entity the dialog was opened from is removed.
    await userEvent.click(screen.getByLabelText(/^Affected entities/));
    await userEvent.keyboard('{Backspace}');
    expect(
      await within(section()).findByText(
        'Pick the affected entities to see the risk the server assesses.',
      ),
    ).toBeInTheDocument();
    expect(within(section()).queryByText(/High risk/)).toBeNull();
  });

  it("shows the server's refusal of the assessment", async () => {
    const previewRisk = jest
      .fn()
      .mockRejectedValue(new Error('entityRef: component:default/x not found'));
    await renderDialog({ previewRisk });
    expect(
      await within(section()).findByText(
        /The risk could not be assessed: entityRef: component:default\/x not found/,
      ),
    ).toBeInTheDocument();
  });
});
