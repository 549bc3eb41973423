import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import WarningIcon from '@material-ui/icons/Warning';
import { cloneElement, isValidElement, ReactNode } from 'react';
import { EventProps, EventWrapperProps } from 'react-big-calendar';
import { changeRouteRef } from '../../routes';
import { CalendarItem } from './calendarItems';

/** "Emergency", in words beside its icon: the colour is not the only sign. */
const EmergencyMark = () => (
  <>
    <WarningIcon
      fontSize="inherit"
      aria-hidden
      style={{ verticalAlign: 'text-top', marginRight: 2 }}
    />
    Emergency ·{' '}
  </>
);

/** A change's event as text, for the week view, whose event is a button. */
export const CalendarEventText = ({ event }: EventProps<CalendarItem>) =>
  event.kind === 'window' ? (
    <>{event.title}</>
  ) : (
    <>
      {event.change.emergency && <EmergencyMark />}
      {event.title}
    </>
  );

/**
 * A change's event as a link to its page, focusable in the month and
 * agenda views; a window's as its title.
 */
export const CalendarEventLink = (props: EventProps<CalendarItem>) => {
  const changeLink = useRouteRef(changeRouteRef);
  const { event } = props;
  if (event.kind === 'window') return <CalendarEventText {...props} />;
  return (
    <Link to={changeLink({ id: event.change.id })} style={{ color: 'inherit' }}>
      <CalendarEventText {...props} />
    </Link>
  );
};

/**
 * The box of an event in a week's row of the month (and the week's all-day
 * row): a cell of that row, as the row's dates are. react-big-calendar
 * gives the row role="row" and the box none, which would leave a change's
 * link directly in a row, where assistive technology expects cells.
 */
export const CalendarEventCell = (
  props: EventWrapperProps<CalendarItem> & {
    type?: 'date' | 'time';
    children?: ReactNode;
  },
) =>
  props.type === 'date' && isValidElement(props.children) ? (
    cloneElement(props.children as JSX.Element, { role: 'cell' })
  ) : (
    <>{props.children}</>
  );
