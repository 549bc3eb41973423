import { forwardRef } from 'react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { Change } from '@trove/backstage-plugin-change-management-common';
import { IncidentChip } from '../IncidentChip';

/**
 * The change's title as the page's heading, with an emergency's incident
 * and severity beside it. It takes the focus when the page opens on a
 * change just raised.
 */
export const ChangeHeading = forwardRef<HTMLHeadingElement, { change: Change }>(
  ({ change }, ref) => (
    <Box display="flex" flexWrap="wrap" alignItems="center" style={{ gap: 12 }}>
      <Typography
        variant="h4"
        component="h2"
        tabIndex={-1}
        ref={ref}
        style={{ outline: 'none' }}
      >
        {change.title}
      </Typography>
      {change.incident && <IncidentChip incident={change.incident} />}
    </Box>
  ),
);
