import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import ErrorIcon from '@material-ui/icons/Error';
import InfoIcon from '@material-ui/icons/Info';
import WarningIcon from '@material-ui/icons/Warning';
import {
  ChangeRisk,
  RiskLevel,
} from '@trove/backstage-plugin-change-management-common';

const LEVEL_LABELS: Record<RiskLevel, string> = {
  low: 'Low risk',
  medium: 'Medium risk',
  high: 'High risk',
};

// The colour is on the icon only: the label keeps the text colour, which
// reads on any background.
const useStyles = makeStyles(theme => ({
  low: { color: theme.palette.info.main },
  medium: { color: theme.palette.warning.main },
  high: { color: theme.palette.error.main },
}));

const ICONS = { low: InfoIcon, medium: WarningIcon, high: ErrorIcon };

/** The server's risk level and score: "High risk · 25". */
export const RiskChip = ({
  risk,
  size = 'medium',
}: {
  risk: Pick<ChangeRisk, 'level' | 'score'>;
  size?: 'small' | 'medium';
}) => {
  const classes = useStyles();
  const Icon = ICONS[risk.level];
  return (
    <Chip
      size={size}
      variant="outlined"
      icon={<Icon className={classes[risk.level]} />}
      label={`${LEVEL_LABELS[risk.level]} · ${risk.score}`}
    />
  );
};
