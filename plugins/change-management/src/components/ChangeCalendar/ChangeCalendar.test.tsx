import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { themes, UnifiedThemeProvider } from '@backstage/theme';
import { getContrastRatio } from '@material-ui/core/styles';
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import ICAL from 'ical.js';
import { useLocation } from 'react-router-dom';
import { changeManagementApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { renderWithCatalog } from '../../__testUtils__/renderWithCatalog';
import { ChangeCalendar } from './ChangeCalendar';
import { calendarOf, plannedUpgrade, refundsHotfix } from './calendarFixture';

// The calendar draws a month of cells; the machine is slow.
jest.setTimeout(60_000);
configure({ asyncUtilTimeout: 20_000 });

// Local midnights: the calendar shows the browser's days.
const local = (year: number, month: number, day: number) =>
  new Date(year, month - 1, day).toISOString();

/** Where the app is, to see where a change's event leads. */
const Location = () => (
  <output aria-label="path">{useLocation().pathname}</output>
);

async function renderCalendar(
  props: { defaultDate?: Date; entityRef?: string },
  theme?: typeof themes.dark,
  routeEntries?: string[],
) {
  const getCalendar = jest.fn(async query => calendarOf(query));
  const calendar = (
    <>
      <ChangeCalendar {...props} />
      <Location />
    </>
  );
  await renderWithCatalog(
    theme ? (
      <UnifiedThemeProvider theme={theme}>{calendar}</UnifiedThemeProvider>
    ) : (
      calendar
    ),
    { getCalendar },
    routeEntries,
  );
  return { getCalendar };
}

/**
 * The background of a day of the month shown: rbc draws a week's dates and
 * its day backgrounds as two rows of seven, in the same order.
 */
function dayBackground(day: number): Element {
  for (const week of document.querySelectorAll('.rbc-month-row')) {
    const dates = [...week.querySelectorAll('.rbc-date-cell')];
    const index = dates.findIndex(
      cell =>
        !cell.classList.contains('rbc-off-range') &&
        cell.textContent === String(day).padStart(2, '0'),
    );
    if (index >= 0) return week.querySelectorAll('.rbc-day-bg')[index];
  }
  throw new Error(`day ${day} is not shown`);
}

const hatched = (day: number) => /freezeDay/.test(dayBackground(day).className);

/** A colour as computed styles write it: `rgb(…)`. */
function asComputed(colour: string) {
  const probe = document.createElement('div');
  probe.style.color = colour;
  return probe.style.color;
}

/** A phone's width: every max-width media query matches. */
function onPhone() {
  const matchMedia = window.matchMedia;
  window.matchMedia = jest.fn().mockImplementation((query: string) => ({
    matches: query.includes('max-width'),
    media: query,
    addListener: jest.fn(),
    removeListener: jest.fn(),
    addEventListener: jest.fn(),
    removeEventListener: jest.fn(),
  }));
  return () => {
    window.matchMedia = matchMedia;
  };
}

describe('ChangeCalendar', () => {
  it('opens on the day a link names', async () => {
    const { getCalendar } = await renderCalendar({}, undefined, [
      '/calendar?date=2027-01-07',
    ]);
    expect(await screen.findByText('January 2027')).toBeInTheDocument();
    expect(getCalendar).toHaveBeenCalledWith({
      from: local(2026, 12, 28),
      to: local(2027, 2, 1),
    });
  });

  it('shades the freeze over the new year in December and in January, one request a month', async () => {
    const { getCalendar } = await renderCalendar({
      defaultDate: new Date(2026, 11, 10),
    });
    expect(
      await screen.findAllByText('Freeze: Holiday freeze'),
    ).not.toHaveLength(0);
    expect(getCalendar).toHaveBeenCalledTimes(1);
    expect(getCalendar).toHaveBeenCalledWith({
      from: local(2026, 11, 30),
      to: local(2027, 1, 4),
    });
    expect(hatched(20)).toBe(true);
    expect(hatched(31)).toBe(true);
    expect(hatched(10)).toBe(false);
    expect(dayBackground(8).className).toMatch(/blackoutDay/);

    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(getCalendar).toHaveBeenCalledTimes(2));
    expect(getCalendar).toHaveBeenLastCalledWith({
      from: local(2026, 12, 28),
      to: local(2027, 2, 1),
    });
    await screen.findByText(/Resize payments-db/);
    expect(screen.getByText('January 2027')).toBeInTheDocument();
    expect(hatched(3)).toBe(true);
    expect(hatched(10)).toBe(false);
  });

  it('asks for the week when the week view opens, and hatches only the blackout day', async () => {
    const { getCalendar } = await renderCalendar({
      defaultDate: new Date(2026, 11, 10),
    });
    await screen.findAllByText('Freeze: Holiday freeze');
    await userEvent.click(screen.getByRole('button', { name: 'Week' }));
    await waitFor(() => expect(getCalendar).toHaveBeenCalledTimes(2));
    expect(getCalendar).toHaveBeenLastCalledWith({
      from: local(2026, 12, 7),
      to: local(2026, 12, 14),
    });
    // The time grid's columns, Monday 7 to Sunday 13 December.
    const columns = [...document.querySelectorAll('.rbc-day-slot')];
    expect(columns).toHaveLength(7);
    expect(columns.map(column => /blackoutDay/.test(column.className))).toEqual(
      [false, true, false, false, false, false, false],
    );

    // The next week's emergency is a button there: Enter opens the change.
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    const hotfix = (
      await screen.findByText(`Emergency · Deployed: ${refundsHotfix.title}`)
    ).closest<HTMLElement>('.rbc-event')!;
    expect(hotfix).toHaveAttribute('role', 'button');
    hotfix.focus();
    await userEvent.keyboard('{Enter}');
    expect(screen.getByLabelText('path')).toHaveTextContent(
      `/change-management/changes/${refundsHotfix.id}`,
    );
  });

  it('links each change to its page and marks an emergency in words', async () => {
    await renderCalendar({ defaultDate: new Date(2026, 11, 10) });
    const hotfix = await screen.findByRole('link', {
      name: `Emergency · Deployed: ${refundsHotfix.title}`,
    });
    expect(hotfix).toHaveAttribute(
      'href',
      `/change-management/changes/${refundsHotfix.id}`,
    );
    const upgrade = screen.getByRole('link', {
      name: `Planned: ${plannedUpgrade.title}`,
    });
    expect(upgrade).toHaveAttribute(
      'href',
      `/change-management/changes/${plannedUpgrade.id}`,
    );
    expect(upgrade.textContent).not.toMatch(/Emergency/);
    // Each in a cell of its week's row, as the dates are.
    for (const link of [hotfix, upgrade]) {
      expect(link.closest('[role="cell"]')?.closest('[role="row"]')).not.toBe(
        null,
      );
    }
  });

  it('asks again for the type picked, and for the entity given', async () => {
    const { getCalendar } = await renderCalendar({
      defaultDate: new Date(2026, 11, 10),
      entityRef: 'system:default/payments',
    });
    await screen.findByText(`Planned: ${plannedUpgrade.title}`);
    expect(getCalendar.mock.calls[0][0].entityRef).toBe(
      'system:default/payments',
    );
    // The entity's calendar is of that entity: no System to pick.
    expect(screen.queryByLabelText('System')).not.toBeInTheDocument();

    await userEvent.click(screen.getByLabelText('Type'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Emergency' }),
    );
    await waitFor(() =>
      expect(
        screen.queryByText(`Planned: ${plannedUpgrade.title}`),
      ).not.toBeInTheDocument(),
    );
    expect(getCalendar).toHaveBeenLastCalledWith(
      expect.objectContaining({
        type: 'emergency',
        entityRef: 'system:default/payments',
      }),
    );
    expect(
      screen.getByText(`Emergency · Deployed: ${refundsHotfix.title}`),
    ).toBeInTheDocument();
  });

  it('asks again for the System picked from the catalog', async () => {
    const getCalendar = jest.fn(async query => calendarOf(query));
    const catalogApi = new InMemoryCatalogClient({
      entities: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'System',
          metadata: { name: 'payments', namespace: 'default' },
          spec: {},
        },
      ],
    });
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [changeManagementApiRef, { getCalendar }],
          [catalogApiRef, catalogApi],
        ]}
      >
        <ChangeCalendar defaultDate={new Date(2026, 11, 10)} />
      </TestApiProvider>,
      { mountedRoutes: { '/change-management': rootRouteRef } },
    );
    await screen.findAllByText('Freeze: Holiday freeze');
    expect(getCalendar.mock.calls[0][0].entityRef).toBeUndefined();

    await userEvent.click(screen.getByLabelText('System'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'payments' }),
    );
    await waitFor(() => expect(getCalendar).toHaveBeenCalledTimes(2));
    expect(getCalendar).toHaveBeenLastCalledWith({
      from: local(2026, 11, 30),
      to: local(2027, 1, 4),
      entityRef: 'system:default/payments',
    });
  });

  it('opens in the agenda on a phone, asking only for its days', async () => {
    const restore = onPhone();
    try {
      const { getCalendar } = await renderCalendar({
        defaultDate: new Date(2026, 11, 10),
      });
      const hotfix = await screen.findByRole('link', {
        name: `Emergency · Deployed: ${refundsHotfix.title}`,
      });
      expect(hotfix.closest('.rbc-agenda-view')).not.toBeNull();
      expect(getCalendar).toHaveBeenCalledTimes(1);
      expect(getCalendar).toHaveBeenCalledWith({
        from: local(2026, 12, 10),
        to: local(2027, 1, 9),
      });
      expect(screen.getByRole('button', { name: 'Agenda' })).toHaveClass(
        'rbc-active',
      );
      const agenda = document.querySelector('.rbc-agenda-view') as HTMLElement;
      // Once, with its span, not on each of its days.
      expect(within(agenda).getAllByText(/^Freeze: Holiday freeze/)).toEqual([
        within(agenda).getByText('Freeze: Holiday freeze (Dec 15 – Jan 5)'),
      ]);
    } finally {
      restore();
    }
  });

  it('downloads the period shown as an .ics file that holds the freeze', async () => {
    const files: Blob[] = [];
    const createObjectURL = URL.createObjectURL;
    const revokeObjectURL = URL.revokeObjectURL;
    URL.createObjectURL = jest.fn((blob: Blob) => {
      files.push(blob);
      return 'blob:calendar';
    });
    URL.revokeObjectURL = jest.fn();
    try {
      await renderCalendar({ defaultDate: new Date(2026, 11, 10) });
      await screen.findAllByText('Freeze: Holiday freeze');
      const button = screen.getByRole('button', { name: 'Download .ics' });
      expect(button).toBeEnabled();
      await userEvent.click(button);
      expect(files).toHaveLength(1);
      const text = await files[0].text();
      const events = new ICAL.Component(ICAL.parse(text))
        .getAllSubcomponents('vevent')
        .map(e => new ICAL.Event(e));
      expect(events.map(e => e.summary)).toContain('Freeze: Holiday freeze');
    } finally {
      URL.createObjectURL = createObjectURL;
      URL.revokeObjectURL = revokeObjectURL;
    }
  });

  it.each([
    ['light', themes.light],
    ['dark', themes.dark],
  ])(
    'fills a deployed emergency with the %s theme, its text readable',
    async (_, theme) => {
      await renderCalendar({ defaultDate: new Date(2026, 11, 10) }, theme);
      const link = await screen.findByRole('link', {
        name: `Emergency · Deployed: ${refundsHotfix.title}`,
      });
      const event = window.getComputedStyle(link.closest('.rbc-event')!);
      expect(event.backgroundColor).toBe(
        asComputed(theme.getTheme('v4')!.palette.secondary.dark),
      );
      expect(
        getContrastRatio(event.color, event.backgroundColor),
      ).toBeGreaterThanOrEqual(4.5);
      // The link takes the event's colour, whatever MUI's link colour is.
      expect(link.style.color).toBe('inherit');
    },
  );
});
