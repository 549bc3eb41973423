import { useMemo, useState } from 'react';
import { Calendar as BigCalendar, luxonLocalizer } from 'react-big-calendar';
import 'react-big-calendar/lib/css/react-big-calendar.css';
import { DateTime } from 'luxon';
import { ResponseErrorPanel } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import { Theme, useTheme } from '@material-ui/core/styles';
import useMediaQuery from '@material-ui/core/useMediaQuery';
import { ChangeType } from '@trove/backstage-plugin-change-management-common';
import { useNavigate, useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { changeManagementApiRef } from '../../api';
import { changeRouteRef } from '../../routes';
import {
  CalendarEventCell,
  CalendarEventLink,
  CalendarEventText,
} from './CalendarEvent';
import { CalendarControls } from './CalendarControls';
import {
  agendaWindowItems,
  CalendarItem,
  changeItems,
  windowItems,
  windowsOn,
} from './calendarItems';
import { CalendarView, shownRange, AGENDA_DAYS } from './calendarRange';
import { changeEventStyle, useCalendarStyles } from './useCalendarStyles';

// Weeks start on Monday, as luxon's own weeks do (see shownRange).
const localizer = luxonLocalizer(DateTime, { firstDayOfWeek: 1 });

const VIEWS: CalendarView[] = ['month', 'week', 'agenda'];

const MESSAGES = {
  previous: 'Previous',
  next: 'Next',
  today: 'Today',
  noEventsInRange: 'Nothing is planned, deployed or frozen in this period.',
};

export type ChangeCalendarProps = {
  /**
   * The entity whose calendar it is (a System with its parts). Without
   * one, the calendar of every change, and a System may be picked.
   */
  entityRef?: string;
  /**
   * The day it opens on; by default the page address's `date`
   * (`?date=2026-12-16`, so that a link names a period), else today.
   */
  defaultDate?: Date;
};

/** The day a page address names (`date=yyyy-mm-dd`), if it names one. */
function dateInAddress(params: URLSearchParams): Date | undefined {
  const day = DateTime.fromISO(params.get('date') ?? '');
  return day.isValid ? day.toJSDate() : undefined;
}

/**
 * The change calendar: the freeze and blackout windows shaded, the planned
 * changes over their windows and the deployed ones at their deploy,
 * coloured by type, emergencies marked in words. Month, week and agenda
 * views; on a phone it opens in the agenda. One request for each period
 * shown, which the .ics download also serves.
 */
export const ChangeCalendar = (props: ChangeCalendarProps) => {
  const api = useApi(changeManagementApiRef);
  const classes = useCalendarStyles();
  const theme = useTheme<Theme>();
  const navigate = useNavigate();
  const changeLink = useRouteRef(changeRouteRef);
  // Read on the first render, so that a phone asks only for the agenda.
  const phone = useMediaQuery(theme.breakpoints.down('xs'), { noSsr: true });
  const [view, setView] = useState<CalendarView>(phone ? 'agenda' : 'month');
  const [params] = useSearchParams();
  const [date, setDate] = useState(
    () => props.defaultDate ?? dateInAddress(params) ?? new Date(),
  );
  const [type, setType] = useState<ChangeType>();
  const [system, setSystem] = useState<string>();
  const entityRef = props.entityRef ?? system;

  const range = useMemo(() => shownRange(view, date), [view, date]);
  const from = range.from.toISOString();
  const to = range.to.toISOString();
  const calendar = useAsync(
    () => api.getCalendar({ from, to, entityRef, type }),
    [api, from, to, entityRef, type],
  );

  const windows = useMemo(
    () => (calendar.value ? windowItems(calendar.value) : []),
    [calendar.value],
  );
  const events = useMemo<CalendarItem[]>(() => {
    if (!calendar.value) return [];
    const bars =
      view === 'agenda' ? agendaWindowItems(windows, range.from) : windows;
    return [...bars, ...changeItems(calendar.value)];
  }, [calendar.value, windows, view, range.from]);

  // A day in a window is hatched; a blackout or lockdown shows over the
  // freeze. The
  // week view asks with the end of its day, the month view its start.
  const dayPropGetter = (day: Date) => {
    const start = DateTime.fromJSDate(day).startOf('day');
    const touching = windowsOn(
      windows,
      start.toJSDate(),
      start.plus({ days: 1 }).toJSDate(),
    );
    if (touching.some(w => w.window.kind !== 'freeze')) {
      return { className: classes.blackoutDay };
    }
    return touching.length ? { className: classes.freezeDay } : {};
  };

  // The agenda lists events as rows: there only a cell takes the colour.
  const eventPropGetter = (event: CalendarItem) => {
    if (event.kind === 'window')
      return { className: classes[event.window.kind] };
    const className = `${classes[event.change.type]} ${classes[event.kind]}`;
    return view === 'agenda'
      ? { className }
      : { className, style: changeEventStyle(theme, event) };
  };

  // The week view draws its events as buttons: they open the change.
  const open = (event: CalendarItem) => {
    if (view === 'week' && event.kind !== 'window') {
      navigate(changeLink({ id: event.change.id }));
    }
  };

  return (
    <Box className={classes.root}>
      <CalendarControls
        entityRef={props.entityRef}
        system={system}
        onSystem={setSystem}
        type={type}
        onType={setType}
        calendar={calendar.value}
        from={range.from}
        to={range.to}
      />
      {calendar.error && <ResponseErrorPanel error={calendar.error} />}
      <Box height={4}>{calendar.loading && <LinearProgress />}</Box>
      <BigCalendar<CalendarItem>
        localizer={localizer}
        events={events}
        views={VIEWS}
        view={view}
        onView={v => setView(v as CalendarView)}
        date={date}
        onNavigate={setDate}
        length={AGENDA_DAYS}
        // No day view: the dates are not links to one, nor tab stops.
        drilldownView={null}
        popup
        messages={MESSAGES}
        dayPropGetter={dayPropGetter}
        eventPropGetter={eventPropGetter}
        tooltipAccessor={event => event.title}
        onSelectEvent={open}
        onKeyPressEvent={(event, e) => {
          const { key } = e.nativeEvent as KeyboardEvent;
          if (key === 'Enter' || key === ' ') open(event);
        }}
        components={{
          event: CalendarEventLink,
          eventWrapper: CalendarEventCell,
          week: { event: CalendarEventText },
        }}
      />
    </Box>
  );
};
