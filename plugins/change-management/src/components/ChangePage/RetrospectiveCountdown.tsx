import { useEffect, useState } from 'react';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  Change,
  isRetrospectiveOverdue,
  owesRetrospective,
  RETROSPECTIVE_DUE_WORDS,
} from '@trove/backstage-plugin-change-management-common';
import { formatDuration, formatTime } from '../format';

const SOP_DEADLINE = `The SOP requires the retrospective within ${RETROSPECTIVE_DUE_WORDS} of the production deploy.`;

/** The time now, again every minute. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/**
 * An emergency's retrospective deadline, at the top of its page: the time
 * left and when it falls due, in red once overdue (the server's `overdue`,
 * or this clock past the due time). Nothing once it is documented.
 */
export const RetrospectiveCountdown = ({ change }: { change: Change }) => {
  const now = useNow();
  const due = change.retrospectiveDueAt;
  if (!due || !owesRetrospective(change)) {
    return null;
  }
  const left = Date.parse(due) - now;
  if (change.overdue || isRetrospectiveOverdue(change, new Date(now))) {
    return (
      <Alert severity="error">
        <AlertTitle>
          {`Retrospective overdue by ${formatDuration(
            left,
          )}: it was due by ${formatTime(due)}`}
        </AlertTitle>
        {SOP_DEADLINE}
      </Alert>
    );
  }
  return (
    <Alert severity="info">
      <AlertTitle>
        {`Retrospective due in ${formatDuration(left)}, by ${formatTime(due)}`}
      </AlertTitle>
      {SOP_DEADLINE}
    </Alert>
  );
};
