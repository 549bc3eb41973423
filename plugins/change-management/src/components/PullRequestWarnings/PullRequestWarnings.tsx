import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import WarningIcon from '@material-ui/icons/Warning';
import { PullRequestWarning } from '@trove/backstage-plugin-change-management-common';

/**
 * Issue 20: what the CTO should know of a change's pull request, in a
 * queue's row, as the server worded it (pullRequestWarnings, the one
 * judge) from the snapshot it keeps. Nothing when there is nothing to say.
 */
export const PullRequestWarnings = ({
  warnings,
}: {
  warnings: PullRequestWarning[] | undefined;
}) => {
  if (!warnings?.length) return null;
  return (
    <Box
      component="ul"
      aria-label="Pull request warnings"
      m={0}
      p={0}
      width="100%"
      // Wide enough to read in the queue's narrow "Your action" column.
      style={{ listStyle: 'none', minWidth: 180 }}
    >
      {warnings.map(w => (
        <Box component="li" key={w.code} display="flex" style={{ gap: 4 }}>
          {/* The icon only marks it: the text says it. */}
          <WarningIcon fontSize="inherit" aria-hidden />
          <Typography variant="caption">{w.message}</Typography>
        </Box>
      ))}
    </Box>
  );
};
