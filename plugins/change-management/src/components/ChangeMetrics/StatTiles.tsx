import Box from '@material-ui/core/Box';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import {
  CHANGE_TYPES,
  EntityMetrics,
  TYPE_LABELS,
} from '@trove/backstage-plugin-change-management-common';
import { formatHours, formatShare, NONE, plural } from './figures';

// Tiles wrap to the width: two side by side on a phone, more on a desk.
const useStyles = makeStyles(theme => ({
  tiles: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))',
    gap: theme.spacing(2),
    margin: 0,
  },
  tile: {
    padding: theme.spacing(1.5),
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    minWidth: 0,
  },
  value: { margin: theme.spacing(0.5, 0), overflowWrap: 'anywhere' },
}));

const Tile = (props: { label: string; value: string; detail?: string }) => {
  const classes = useStyles();
  return (
    <div className={classes.tile}>
      <Typography component="dt" variant="body2" color="textSecondary">
        {props.label}
      </Typography>
      <Typography component="dd" variant="h6" className={classes.value}>
        {props.value}
      </Typography>
      {props.detail && (
        <Typography component="dd" variant="caption" color="textSecondary">
          {props.detail}
        </Typography>
      )}
    </div>
  );
};

/**
 * The period's figures as tiles, a list of terms and values for screen
 * readers. A figure with nothing to measure says so, never 0.
 */
export const StatTiles = (props: { metrics: EntityMetrics }) => {
  const classes = useStyles();
  const { deployments, leadTimeHours, changeFailureRate, recoveryHours } =
    props.metrics;
  const { emergencies, score } = props.metrics;
  const { retrospectives } = emergencies;
  return (
    <Box component="dl" className={classes.tiles}>
      <Tile
        label="Deployments"
        value={String(deployments.total)}
        detail={CHANGE_TYPES.map(
          type =>
            `${deployments.byType[type]} ${TYPE_LABELS[type].toLowerCase()}`,
        ).join(', ')}
      />
      <Tile
        label="Lead time, median"
        value={formatHours(leadTimeHours.median)}
        detail={`Submit to production, ${plural(
          leadTimeHours.count,
          'change',
        )}`}
      />
      <Tile
        label="Lead time, 90th percentile"
        value={formatHours(leadTimeHours.p90)}
      />
      <Tile
        label="Change failure rate"
        value={formatShare(changeFailureRate.rate)}
        detail={`${changeFailureRate.failed} failed of ${changeFailureRate.deployed} deployed`}
      />
      <Tile
        label="Recovery time, median"
        value={formatHours(recoveryHours.median)}
        detail={`From a failed deploy to a verified one, ${plural(
          recoveryHours.count,
          'recovery',
          'recoveries',
        )}`}
      />
      <Tile
        label="Emergencies"
        value={formatShare(emergencies.share)}
        detail={`${emergencies.count} of ${deployments.total} deployments`}
      />
      <Tile
        label="Retrospectives on time"
        value={
          retrospectives.due === 0
            ? NONE
            : `${retrospectives.onTime} of ${retrospectives.due}`
        }
        detail={
          retrospectives.due === 0
            ? undefined
            : `${formatShare(
                retrospectives.onTime / retrospectives.due,
              )} of those due`
        }
      />
      <Tile
        label="Change success score"
        value={String(score.total)}
        detail="Of the changes deployed; higher is better"
      />
    </Box>
  );
};
