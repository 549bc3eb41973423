import { makeStyles } from '@material-ui/core/styles';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import {
  CHANGE_TYPES,
  EntityMetrics,
  TYPE_LABELS,
} from '@trove/backstage-plugin-change-management-common';

// The charts' numbers as plain tables, for screen readers and for pasting
// into a report: every week the period touches, with its Monday as an ISO
// date, which reads the same in any locale.

// Compact, and words whole: on a phone the table scrolls in its own box
// (ChartSection) rather than breaking "Infrastructure" into pieces.
const useStyles = makeStyles(theme => ({
  table: {
    '& th, & td': {
      padding: theme.spacing(0.75, 1),
      whiteSpace: 'nowrap',
      wordBreak: 'normal',
    },
  },
}));

/** Deployments per week by type, with the week's total. */
export const DeploymentsTable = (props: {
  perWeek: EntityMetrics['deployments']['perWeek'];
}) => {
  const classes = useStyles();
  return (
    <Table
      size="small"
      aria-label="Deployments per week by type"
      className={classes.table}
    >
      <TableHead>
        <TableRow>
          <TableCell>Week of</TableCell>
          {CHANGE_TYPES.map(type => (
            <TableCell key={type} align="right">
              {TYPE_LABELS[type]}
            </TableCell>
          ))}
          <TableCell align="right">Total</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.perWeek.map(week => (
          <TableRow key={week.weekStart}>
            <TableCell component="th" scope="row">
              {week.weekStart}
            </TableCell>
            {CHANGE_TYPES.map(type => (
              <TableCell key={type} align="right">
                {week[type]}
              </TableCell>
            ))}
            <TableCell align="right">
              {CHANGE_TYPES.reduce((sum, type) => sum + week[type], 0)}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};

/** The change success score of each week. */
export const ScoreTable = (props: {
  perWeek: EntityMetrics['score']['perWeek'];
}) => {
  const classes = useStyles();
  return (
    <Table
      size="small"
      aria-label="Change success score per week"
      className={classes.table}
    >
      <TableHead>
        <TableRow>
          <TableCell>Week of</TableCell>
          <TableCell align="right">Score</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.perWeek.map(week => (
          <TableRow key={week.weekStart}>
            <TableCell component="th" scope="row">
              {week.weekStart}
            </TableCell>
            <TableCell align="right">{week.score}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};
