import { InfoCard, Progress, WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { AuditPeriod, changeManagementApiRef } from '../../api';

/** How many of each, in first-seen order. */
function countBy<T>(items: T[], key: (item: T) => string) {
  const counts = new Map<string, number>();
  for (const item of items) {
    counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  }
  return [...counts];
}

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

/** Changes by type, production deploys and exceptions by kind, of a period. */
export const AuditCounts = (props: { period: AuditPeriod }) => {
  const api = useApi(changeManagementApiRef);
  const { period } = props;
  const { value, loading, error } = useAsync(async () => {
    const [rows, exceptions] = await Promise.all([
      api.getChangeLog(period),
      api.getAuditExceptions({ from: period.from, to: period.to }),
    ]);
    // Exceptions are listed for the whole period: for one System, keep
    // those of its changes.
    const ids = new Set(rows.map(r => r.id));
    const ofSystem = period.entityRef
      ? exceptions.items.filter(e => ids.has(e.changeId))
      : exceptions.items;
    return {
      changes: rows.length,
      byType: countBy(rows, r => r.changeType),
      deploys: rows.filter(r => r.deployedToProduction).length,
      byKind: countBy(ofSystem, e => e.kind),
    };
  }, [api, period.from, period.to, period.entityRef]);

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
            {value.changes} changes raised, {value.deploys} deployed to
            production.
          </Typography>
          <CountTable label="Changes by type" rows={value.byType} />
          <CountTable label="Exceptions by kind" rows={value.byKind} />
        </>
      )}
    </InfoCard>
  );
};
