import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MetricsOverview as Overview } from '@trove/backstage-plugin-change-management-common';
import { DateTime, Settings } from 'luxon';
import { ChangeManagementApi, changeManagementApiRef } from '../../api';
import { anOverview } from '../../__testUtils__/metrics';
import { rowsOf } from '../../__testUtils__/tables';
import { MetricsOverview } from './MetricsOverview';

// The periods end at the start of the next day (UTC) from here.
const now = DateTime.fromISO('2026-10-04T15:30:00Z');

async function renderWith(overview: Overview) {
  const getMetricsOverview = jest.fn(async () => overview);
  const api: Partial<ChangeManagementApi> = { getMetricsOverview };
  await renderInTestApp(
    <TestApiProvider apis={[[changeManagementApiRef, api]]}>
      <MetricsOverview />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return { getMetricsOverview };
}

const systemsOf = (table: HTMLElement) => rowsOf(table).map(row => row[0]);

jest.setTimeout(30_000);

describe('MetricsOverview', () => {
  const realNow = Settings.now;
  beforeEach(() => {
    Settings.now = () => now.toMillis();
  });
  afterEach(() => {
    Settings.now = realNow;
  });

  it('shows a row per System, with its figures, its score and trend', async () => {
    await renderWith(anOverview());
    const table = await screen.findByRole('table', { name: 'Systems' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map(header => header.textContent),
    ).toEqual([
      'System',
      'Deployments per week',
      'Lead time, median',
      'Change failure rate',
      'Recovery time, median',
      'Change success score',
      'Audit exceptions',
      'Overdue retrospectives',
    ]);
    // On a phone the table scrolls inside its own box, not the page.
    expect(table.parentElement).toHaveClass('MuiTableContainer-root');
    expect(rowsOf(table)).toEqual([
      [
        'payments',
        '3.0',
        '26 h 30 min',
        '8.3%',
        '4 h 30 min',
        '20 ↑(rising)',
        '1',
        '0',
      ],
      [
        'platform-infra',
        '0.5',
        '2 h 0 min',
        '50%',
        'None',
        '-2 ↓(falling)',
        '0',
        '1',
      ],
      ['storefront', '0.0', 'None', 'None', 'None', '0 →(steady)', '4', '2'],
    ]);

    const groups = screen.getByRole('table', { name: 'Owning groups' });
    // Lowest score first: the group to look at.
    expect(rowsOf(groups)).toEqual([
      ['platform', '-2 ↓(falling)'],
      ['payments', '20 ↑(rising)'],
    ]);
  });

  it('links each System to its Changes tab', async () => {
    await renderWith(anOverview());
    const table = await screen.findByRole('table', { name: 'Systems' });
    const link = within(table).getByRole('link', { name: 'payments' });
    expect(link).toHaveAttribute(
      'href',
      '/catalog/default/system/payments/changes',
    );
  });

  it('sorts by a column, then the other way', async () => {
    await renderWith(anOverview());
    const table = await screen.findByRole('table', { name: 'Systems' });
    expect(systemsOf(table)).toEqual([
      'payments',
      'platform-infra',
      'storefront',
    ]);

    const score = within(table).getByRole('button', {
      name: 'Change success score',
    });
    await userEvent.click(score);
    expect(systemsOf(table)).toEqual([
      'platform-infra',
      'storefront',
      'payments',
    ]);
    expect(score.closest('th')).toHaveAttribute('aria-sort', 'ascending');
    await userEvent.click(score);
    expect(systemsOf(table)).toEqual([
      'payments',
      'storefront',
      'platform-infra',
    ]);
    expect(score.closest('th')).toHaveAttribute('aria-sort', 'descending');

    // What was not measured sorts last, either way.
    const lead = within(table).getByRole('button', {
      name: 'Lead time, median',
    });
    await userEvent.click(lead);
    expect(systemsOf(table)).toEqual([
      'platform-infra',
      'payments',
      'storefront',
    ]);
    await userEvent.click(lead);
    expect(systemsOf(table)).toEqual([
      'payments',
      'platform-infra',
      'storefront',
    ]);
  });

  it('asks for the chosen period', async () => {
    const { getMetricsOverview } = await renderWith(anOverview());
    await screen.findByRole('table', { name: 'Systems' });
    expect(getMetricsOverview).toHaveBeenLastCalledWith({
      from: '2026-07-07T00:00:00.000Z',
      to: '2026-10-05T00:00:00.000Z',
    });
    await userEvent.click(screen.getByRole('button', { name: 'A year' }));
    await screen.findByRole('table', { name: 'Systems' });
    expect(getMetricsOverview).toHaveBeenLastCalledWith({
      from: '2025-10-05T00:00:00.000Z',
      to: '2026-10-05T00:00:00.000Z',
    });
  });

  it('leaves out the exceptions column when the caller may not read the audit', async () => {
    const overview = anOverview();
    await renderWith({
      ...overview,
      systems: overview.systems.map(s => ({ ...s, exceptions: null })),
    });
    const table = await screen.findByRole('table', { name: 'Systems' });
    expect(
      within(table).queryByRole('columnheader', { name: 'Audit exceptions' }),
    ).not.toBeInTheDocument();
    expect(rowsOf(table)[0]).toHaveLength(7);
  });

  it('says so when no System has a change the caller may read', async () => {
    await renderWith(anOverview({ systems: [], groups: [] }));
    expect(
      // The chart's lazy chunk may take more than findBy's default second
      // on a busy machine.
      await screen.findByText(
        'No System has a change you may read.',
        {},
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
  });
});
