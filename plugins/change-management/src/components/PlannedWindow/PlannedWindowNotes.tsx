import { useRouteRef } from '@backstage/core-plugin-api';
import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  Conflict,
  CONFLICT_REASON_LABELS,
  STATE_LABELS,
  WINDOW_WARNING_LABELS,
  WindowWarning,
} from '@trove/backstage-plugin-change-management-common';
import { ReactNode, useId } from 'react';
import { changeRouteRef } from '../../routes';
import { formatTime } from '../format';

/** A window in words, in the user's zone. */
export const describeWindow = (start: string, end: string) =>
  `${formatTime(start)} to ${formatTime(end)}`;

const ConflictItem = ({ conflict }: { conflict: Conflict }) => {
  const changeLink = useRouteRef(changeRouteRef);
  // A freeze or blackout window is no change: it has no page.
  const title = conflict.id ? (
    <Link to={changeLink({ id: conflict.id })}>{conflict.title}</Link>
  ) : (
    conflict.title
  );
  return (
    <li>
      <Typography variant="body2" component="span">
        <strong>{`${CONFLICT_REASON_LABELS[conflict.reason]}: `}</strong>
        {title}
        {conflict.state && ` (${STATE_LABELS[conflict.state]})`}
        {`, ${describeWindow(conflict.plannedStart, conflict.plannedEnd)}`}
      </Typography>
    </li>
  );
};

type HeadingLevel = 'h3' | 'h4';

/** A list under its heading, which names it. */
const HeadedList = (props: {
  id: string;
  heading: string;
  level: HeadingLevel;
  /** Without bullets or indent: its items are alerts. */
  bare?: boolean;
  children: ReactNode;
}) => (
  <div>
    <Typography variant="subtitle2" component={props.level} id={props.id}>
      {props.heading}
    </Typography>
    <Box
      component="ul"
      aria-labelledby={props.id}
      {...(props.bare
        ? { p: 0, m: 0, style: { listStyle: 'none' } }
        : { mt: 0.5 })}
    >
      {props.children}
    </Box>
  </div>
);

/**
 * What the server says of a planned window: its warnings (freeze,
 * blackout, working hours) and what it collides with, each list under a
 * heading, each entry named in words as well as colour. Nothing when
 * there is neither.
 */
export const PlannedWindowNotes = (props: {
  warnings: WindowWarning[];
  conflicts: Conflict[];
  /** The level of the lists' headings in the page or dialog. */
  headingLevel?: HeadingLevel;
}) => {
  const { warnings, conflicts, headingLevel = 'h3' } = props;
  const id = useId();
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 8 }}>
      {warnings.length > 0 && (
        <HeadedList
          id={`${id}-warnings`}
          heading="Warnings about the planned window"
          level={headingLevel}
          bare
        >
          {warnings.map(warning => (
            <Box component="li" key={warning.reason} mt={1}>
              <Alert severity="warning" role="none">
                <AlertTitle>{WINDOW_WARNING_LABELS[warning.reason]}</AlertTitle>
                {warning.message}
              </Alert>
            </Box>
          ))}
        </HeadedList>
      )}
      {conflicts.length > 0 && (
        <HeadedList
          id={`${id}-conflicts`}
          heading={`Conflicts (${conflicts.length})`}
          level={headingLevel}
        >
          {conflicts.map((conflict, index) => (
            <ConflictItem key={conflict.id ?? index} conflict={conflict} />
          ))}
        </HeadedList>
      )}
    </Box>
  );
};
