import { lazy, Suspense, useState } from 'react';
import { InfoCard, Progress } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { ChangeView } from '@trove/backstage-plugin-change-management-common';
import { formatTime } from '../format';
import { RiskChip, RiskReasons } from '../Risk';

// The graph draws with d3 and dagre: loaded only where a risk is shown.
const RiskGraph = lazy(() => import('./RiskGraph'));

/**
 * Issue 24: the risk the server stored with the change (assessed when it
 * was raised, last edited or submitted), its reasons, and the graph of the
 * affected entities and their dependents. Nothing without an assessment.
 */
export const RiskCard = ({ change }: { change: ChangeView }) => {
  const { risk } = change;
  // The graph is drawn when asked for: the catalog graph walks the catalog
  // hop by hop, and its spinner meanwhile has no accessible name.
  const [graphShown, setGraphShown] = useState(false);
  if (!risk) return null;
  return (
    <Grid item xs={12}>
      <InfoCard
        title="Risk"
        subheader={`Assessed ${formatTime(risk.assessedAt)}`}
      >
        <RiskChip risk={risk} />
        <RiskReasons reasons={risk.reasons} />
        {change.affectedEntityRefs.length > 0 && (
          <Box mt={2}>
            <Button
              variant="outlined"
              size="small"
              aria-expanded={graphShown}
              onClick={() => setGraphShown(shown => !shown)}
            >
              {graphShown ? 'Hide' : 'Show'} what depends on the affected
              entities
            </Button>
            {graphShown && (
              <Box mt={1}>
                <Typography component="h3" variant="subtitle2">
                  Affected entities and what depends on them
                </Typography>
                <Suspense fallback={<Progress />}>
                  <RiskGraph entityRefs={change.affectedEntityRefs} />
                </Suspense>
              </Box>
            )}
          </Box>
        )}
      </InfoCard>
    </Grid>
  );
};
