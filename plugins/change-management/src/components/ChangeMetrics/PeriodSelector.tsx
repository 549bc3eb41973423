import { makeStyles } from '@material-ui/core/styles';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import { MetricsPeriod, PERIODS } from './periods';

// The lab's unselected grey fails WCAG AA contrast: the theme's text colours.
const useToggleStyles = makeStyles(theme => ({
  root: { color: theme.palette.text.secondary },
  selected: { '&&': { color: theme.palette.text.primary } },
}));

/** The periods of the metrics, as a group of toggle buttons. */
export const PeriodSelector = (props: {
  value: MetricsPeriod;
  onChange: (period: MetricsPeriod) => void;
}) => {
  const classes = useToggleStyles();
  return (
    <ToggleButtonGroup
      exclusive
      size="small"
      aria-label="Period"
      value={props.value}
      // Choosing the chosen period again keeps it, instead of none.
      onChange={(_, period: MetricsPeriod | null) =>
        period && props.onChange(period)
      }
    >
      {PERIODS.map(period => (
        <ToggleButton key={period.key} value={period.key} classes={classes}>
          {period.label}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
};
