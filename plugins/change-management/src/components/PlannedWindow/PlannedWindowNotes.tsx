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
import { useId } from 'react';
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
  headingLevel?: 'h3' | 'h4';
}) => {
  const { warnings, conflicts, headingLevel = 'h3' } = props;
  const id = useId();
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 8 }}>
      {warnings.length > 0 && (
        <div>
          <Typography
            variant="subtitle2"
            component={headingLevel}
            id={`${id}-warnings`}
          >
            Warnings about the planned window
          </Typography>
          <Box
            component="ul"
            aria-labelledby={`${id}-warnings`}
            p={0}
            m={0}
            style={{ listStyle: 'none' }}
          >
            {warnings.map(warning => (
              <Box component="li" key={warning.reason} mt={1}>
                <Alert severity="warning" role="none">
                  <AlertTitle>
                    {WINDOW_WARNING_LABELS[warning.reason]}
                  </AlertTitle>
                  {warning.message}
                </Alert>
              </Box>
            ))}
          </Box>
        </div>
      )}
      {conflicts.length > 0 && (
        <div>
          <Typography
            variant="subtitle2"
            component={headingLevel}
            id={`${id}-conflicts`}
          >
            {`Conflicts (${conflicts.length})`}
          </Typography>
          <ul aria-labelledby={`${id}-conflicts`}>
            {conflicts.map((conflict, index) => (
              <ConflictItem key={conflict.id ?? index} conflict={conflict} />
            ))}
          </ul>
        </div>
      )}
    </Box>
  );
};
