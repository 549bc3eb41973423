import { ReactNode, useState } from 'react';
import { parseEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
  humanizeEntityRef,
} from '@backstage/plugin-catalog-react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import { SystemOverview } from '@trove/backstage-plugin-change-management-common';
import { formatHours, formatShare } from '../ChangeMetrics/figures';
import { ScoreCell } from './ScoreCell';

/** A figure with nothing to measure, short enough for a cell. */
const orNone = (value: number | null, format: (v: number) => string) =>
  value === null ? 'None' : format(value);

const systemName = (ref: string) =>
  humanizeEntityRef(parseEntityRef(ref), { defaultKind: 'system' });

type Column = {
  id: string;
  label: string;
  /** What the column sorts by; a null (nothing measured) sorts last. */
  value: (row: SystemOverview) => number | string | null;
  cell: (row: SystemOverview) => ReactNode;
};

const COLUMNS: Column[] = [
  {
    id: 'deployments',
    label: 'Deployments per week',
    value: row => row.deployments.perWeek,
    cell: row => row.deployments.perWeek.toFixed(1),
  },
  {
    id: 'lead-time',
    label: 'Lead time, median',
    value: row => row.leadTimeHours.median,
    cell: row => orNone(row.leadTimeHours.median, formatHours),
  },
  {
    id: 'failure-rate',
    label: 'Change failure rate',
    value: row => row.changeFailureRate.rate,
    cell: row => orNone(row.changeFailureRate.rate, formatShare),
  },
  {
    id: 'recovery',
    label: 'Recovery time, median',
    value: row => row.recoveryHours.median,
    cell: row => orNone(row.recoveryHours.median, formatHours),
  },
  {
    id: 'score',
    label: 'Change success score',
    value: row => row.score.total,
    cell: row => <ScoreCell score={row.score} />,
  },
  {
    id: 'exceptions',
    label: 'Audit exceptions',
    value: row => row.exceptions,
    cell: row => row.exceptions ?? 'Not shown',
  },
  {
    id: 'overdue',
    label: 'Overdue retrospectives',
    value: row => row.overdue,
    cell: row => row.overdue,
  },
];

type Sort = { by: string; direction: 'asc' | 'desc' };

/** The rows in the column's order; nulls last whichever the direction. */
function sorted(rows: SystemOverview[], sort: Sort) {
  const value =
    COLUMNS.find(c => c.id === sort.by)?.value ??
    ((row: SystemOverview) => systemName(row.systemRef));
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const [x, y] = [value(a), value(b)];
    if (x === y) return 0;
    if (x === null) return 1;
    if (y === null) return -1;
    return (x < y ? -1 : 1) * sign;
  });
}

/**
 * Every System's figures, a row each, sortable by any column; the System
 * links to its Changes tab, where its charts are. The table scrolls inside
 * its own box on a narrow screen.
 */
export const SystemsTable = (props: {
  rows: SystemOverview[];
  /** Whether the caller may see the audit exceptions. */
  withExceptions: boolean;
}) => {
  const entityRoute = useRouteRef(entityRouteRef);
  const [sort, setSort] = useState<Sort>({ by: 'system', direction: 'asc' });
  const columns = props.withExceptions
    ? COLUMNS
    : COLUMNS.filter(c => c.id !== 'exceptions');
  const header = (id: string, label: string) => (
    <TableCell
      key={id}
      align={id === 'system' ? 'left' : 'right'}
      sortDirection={sort.by === id ? sort.direction : false}
    >
      <TableSortLabel
        active={sort.by === id}
        direction={sort.by === id ? sort.direction : 'asc'}
        onClick={() =>
          setSort({
            by: id,
            direction:
              sort.by === id && sort.direction === 'asc' ? 'desc' : 'asc',
          })
        }
      >
        {label}
      </TableSortLabel>
    </TableCell>
  );
  return (
    <TableContainer>
      <Table size="small" aria-label="Systems">
        <TableHead>
          <TableRow>
            {header('system', 'System')}
            {columns.map(c => header(c.id, c.label))}
          </TableRow>
        </TableHead>
        <TableBody>
          {sorted(props.rows, sort).map(row => (
            <TableRow key={row.systemRef}>
              <TableCell component="th" scope="row">
                <Link
                  to={`${entityRoute(
                    entityRouteParams(row.systemRef),
                  )}/changes`}
                >
                  {systemName(row.systemRef)}
                </Link>
              </TableCell>
              {columns.map(c => (
                <TableCell key={c.id} align="right">
                  {c.cell(row)}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
};
