import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EntityMetrics } from '@trove/backstage-plugin-change-management-common';
import { DateTime, Settings } from 'luxon';
import { ChangeManagementApi, changeManagementApiRef } from '../../api';
import { anEmptyPeriod, anEntityMetrics } from '../../__testUtils__/metrics';
import { rowsOf } from '../../__testUtils__/tables';
import { ChangeMetrics } from './ChangeMetrics';

const entityRef = 'system:default/payments';
// The periods end at the start of the next day (UTC) from here.
const now = DateTime.fromISO('2026-10-04T15:30:00Z');

function renderWith(metrics: EntityMetrics | Error) {
  const getEntityMetrics = jest.fn(async () => {
    if (metrics instanceof Error) throw metrics;
    return metrics;
  });
  const api: Partial<ChangeManagementApi> = { getEntityMetrics };
  return {
    getEntityMetrics,
    rendered: renderInTestApp(
      <TestApiProvider apis={[[changeManagementApiRef, api]]}>
        <ChangeMetrics entityRef={entityRef} />
      </TestApiProvider>,
    ),
  };
}

/** A tile's value and detail, by its label. */
async function tile(label: string) {
  const term = await screen.findByText(label, { selector: 'dt' });
  return within(term.parentElement!);
}

jest.setTimeout(30_000);

describe('ChangeMetrics', () => {
  const realNow = Settings.now;
  beforeEach(() => {
    Settings.now = () => now.toMillis();
  });
  afterEach(() => {
    Settings.now = realNow;
  });

  it('shows the figures as tiles', async () => {
    renderWith(anEntityMetrics());

    const deployments = await tile('Deployments');
    expect(deployments.getByText('12')).toBeInTheDocument();
    expect(
      deployments.getByText('7 standard, 3 emergency, 2 infrastructure'),
    ).toBeInTheDocument();
    const median = await tile('Lead time, median');
    expect(median.getByText('26 h 30 min')).toBeInTheDocument();
    expect(
      median.getByText('Submit to production, 12 changes'),
    ).toBeInTheDocument();
    // 75.25 hours: three days and three hours and a quarter.
    const p90 = await tile('Lead time, 90th percentile');
    expect(p90.getByText('3 d 3 h')).toBeInTheDocument();
    const failures = await tile('Change failure rate');
    expect(failures.getByText('25%')).toBeInTheDocument();
    expect(failures.getByText('3 failed of 12 deployed')).toBeInTheDocument();
    const recovery = await tile('Recovery time, median');
    expect(recovery.getByText('4 h 30 min')).toBeInTheDocument();
    expect(
      recovery.getByText(
        'From a failed deploy to a verified one, 2 recoveries',
      ),
    ).toBeInTheDocument();
    const emergencies = await tile('Emergencies');
    expect(emergencies.getByText('25%')).toBeInTheDocument();
    expect(emergencies.getByText('3 of 12 deployments')).toBeInTheDocument();
    const retrospectives = await tile('Retrospectives on time');
    expect(retrospectives.getByText('2 of 3')).toBeInTheDocument();
    expect(retrospectives.getByText('66.7% of those due')).toBeInTheDocument();
    const score = await tile('Change success score');
    expect(score.getByText('11')).toBeInTheDocument();
  });

  it('says "none" for a figure with nothing to measure, not 0', async () => {
    renderWith(anEntityMetrics({ recoveryHours: { count: 0, median: null } }));

    const recovery = await tile('Recovery time, median');
    expect(recovery.getByText('None in this period')).toBeInTheDocument();
    expect(
      recovery.getByText(
        'From a failed deploy to a verified one, 0 recoveries',
      ),
    ).toBeInTheDocument();
    // The others keep their figures.
    expect(
      (await tile('Lead time, median')).getByText('26 h 30 min'),
    ).toBeInTheDocument();
  });

  it('an empty period: counts of 0, every other figure none, no charts', async () => {
    renderWith(anEmptyPeriod());

    expect(
      await screen.findByText(
        'Nothing was deployed to production in this period.',
      ),
    ).toBeInTheDocument();
    expect((await tile('Deployments')).getByText('0')).toBeInTheDocument();
    expect(
      (await tile('Change success score')).getByText('0'),
    ).toBeInTheDocument();
    for (const label of [
      'Lead time, median',
      'Lead time, 90th percentile',
      'Change failure rate',
      'Recovery time, median',
      'Emergencies',
      'Retrospectives on time',
    ]) {
      expect(
        (await tile(label)).getByText('None in this period'),
      ).toBeInTheDocument();
    }
    expect(screen.queryByRole('button', { name: 'Show as table' })).toBeNull();
  });

  it('asks for the period chosen, ending at the start of tomorrow (UTC)', async () => {
    const { getEntityMetrics } = renderWith(anEntityMetrics());
    await tile('Deployments');
    expect(getEntityMetrics).toHaveBeenLastCalledWith({
      entityRef,
      from: '2026-07-07T00:00:00.000Z',
      to: '2026-10-05T00:00:00.000Z',
    });
    const ninety = screen.getByRole('button', { name: '90 days' });
    expect(ninety).toHaveAttribute('aria-pressed', 'true');

    await userEvent.click(screen.getByRole('button', { name: '30 days' }));
    await waitFor(() =>
      expect(getEntityMetrics).toHaveBeenLastCalledWith({
        entityRef,
        from: '2026-09-05T00:00:00.000Z',
        to: '2026-10-05T00:00:00.000Z',
      }),
    );
    expect(screen.getByRole('button', { name: '30 days' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );

    await userEvent.click(screen.getByRole('button', { name: 'A year' }));
    await waitFor(() =>
      expect(getEntityMetrics).toHaveBeenLastCalledWith({
        entityRef,
        from: '2025-10-05T00:00:00.000Z',
        to: '2026-10-05T00:00:00.000Z',
      }),
    );
    // Choosing the chosen period again asks for nothing.
    await tile('Deployments');
    await userEvent.click(screen.getByRole('button', { name: 'A year' }));
    expect(getEntityMetrics).toHaveBeenCalledTimes(3);
  });

  it('lists every week with its numbers in the tables, on demand', async () => {
    renderWith(anEntityMetrics());
    await tile('Deployments');
    expect(
      screen.queryByRole('table', { name: 'Deployments per week by type' }),
    ).toBeNull();

    const [deploymentsToggle, scoreToggle] = screen.getAllByRole('button', {
      name: 'Show as table',
    });
    await userEvent.click(deploymentsToggle);
    expect(deploymentsToggle).toHaveAttribute('aria-expanded', 'true');
    const deployments = screen.getByRole('table', {
      name: 'Deployments per week by type',
    });
    expect(
      within(deployments)
        .getAllByRole('columnheader')
        .map(cell => cell.textContent),
    ).toEqual(['Week of', 'Standard', 'Emergency', 'Infrastructure', 'Total']);
    expect(rowsOf(deployments)).toEqual([
      ['2026-09-07', '2', '1', '0', '3'],
      ['2026-09-14', '3', '0', '1', '4'],
      ['2026-09-21', '0', '2', '0', '2'],
      ['2026-09-28', '2', '0', '1', '3'],
    ]);

    await userEvent.click(scoreToggle);
    const score = screen.getByRole('table', {
      name: 'Change success score per week',
    });
    expect(rowsOf(score)).toEqual([
      ['2026-09-07', '4'],
      ['2026-09-14', '12'],
      ['2026-09-21', '-13'],
      ['2026-09-28', '8'],
    ]);

    await userEvent.click(
      screen.getAllByRole('button', { name: 'Hide the table' })[0],
    );
    expect(
      screen.queryByRole('table', { name: 'Deployments per week by type' }),
    ).toBeNull();
  });

  it('says why when the server refuses', async () => {
    const refusal = Object.assign(
      new Error('The period may be at most 400 days'),
      {
        name: 'InputError',
      },
    );
    renderWith(refusal);
    expect(
      await screen.findByText('Error: The period may be at most 400 days'),
    ).toBeInTheDocument();
  });
});
