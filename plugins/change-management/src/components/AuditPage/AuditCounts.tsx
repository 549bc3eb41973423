import { InfoCard, Progress, WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import {
  EXCEPTION_LABELS,
  TYPE_LABELS,
} from '@trove/backstage-plugin-change-management-common';
import { AuditPeriod, changeManagementApiRef } from '../../api';

const CountTable = (props: { label: string; rows: [string, number][] }) => (
  <>
    <Typography variant="subtitle2" component="h3">
      {props.label}
    </Typography>
    {props.rows.length === 0 ? (
      <Typography variant="body2" color="textSecondary" paragraph>
        None
      </Typography>
    ) : (
      <Table size="small" aria-label={props.label}>
        <TableBody>
          {props.rows.map(([name, count]) => (
            <TableRow key={name}>
              <TableCell component="th" scope="row">
                {name}
              </TableCell>
              <TableCell align="right">{count}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    )}
  </>
);

/** Counted rows, in the labels' order, leaving out the kinds with none. */
const rowsOf = <K extends string>(
  counts: Partial<Record<K, number>>,
  labels: Record<K, string>,
): [string, number][] =>
  (Object.keys(labels) as K[])
    .filter(key => (counts[key] ?? 0) > 0)
    .map(key => [labels[key], counts[key]!]);

/**
 * Changes by type, production deploys and exceptions by kind, of a period:
 * counted by the server, so a year of changes is one small answer.
 */
export const AuditCounts = (props: { period: AuditPeriod }) => {
  const api = useApi(changeManagementApiRef);
  const { period } = props;
  const { value, loading, error } = useAsync(
    () => api.getAuditCounts(period),
    [api, period.from, period.to, period.entityRef],
  );

  return (
    <InfoCard title="Counts">
      {loading && <Progress />}
      {error && (
        <WarningPanel
          severity="error"
          title="Could not count the period"
          message={error.message}
        />
      )}
      {value && (
        <>
          <Typography variant="body1" paragraph>
            {value.changes} changes raised, {value.productionDeploys} deployed
            to production.
          </Typography>
          <CountTable
            label="Changes by type"
            rows={rowsOf(value.byType, TYPE_LABELS)}
          />
          <CountTable
            label="Exceptions by kind"
            rows={rowsOf(value.exceptions, EXCEPTION_LABELS)}
          />
        </>
      )}
    </InfoCard>
  );
};
