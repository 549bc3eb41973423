import Box from '@material-ui/core/Box';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  Change,
  ChangeExceptionKind,
} from '@trove/backstage-plugin-change-management-common';
import { formatTime } from '../format';

const EXCEPTION_TITLES: Record<ChangeExceptionKind, string> = {
  'waived-review': 'waived review',
  'self-approval': 'self-approval',
  'freeze-override': 'freeze override',
  'late-retrospective': 'late retrospective',
};

/** The overdue retrospective and every exception on the record, plainly. */
export const ChangeWarnings = ({ change }: { change: Change }) => {
  if (!change.overdue && !change.exceptions.length) {
    return null;
  }
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 8 }}>
      {change.overdue && (
        <Alert severity="error">
          <AlertTitle>
            {`Retrospective overdue (was due ${formatTime(
              change.retrospectiveDueAt,
            )})`}
          </AlertTitle>
          The SOP requires the retrospective within 48 hours of the production
          deploy.
        </Alert>
      )}
      {change.exceptions.map((exception, index) => (
        <Alert key={index} severity="warning">
          <AlertTitle>
            {`Exception: ${EXCEPTION_TITLES[exception.kind] ?? exception.kind}`}
          </AlertTitle>
          {`${exception.detail} (${exception.actor}, ${formatTime(
            exception.at,
          )})`}
        </Alert>
      ))}
    </Box>
  );
};
