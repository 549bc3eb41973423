import {
  InfoCard,
  Link,
  Progress,
  WarningPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  describeException,
  EXCEPTION_LABELS,
} from '@trove/backstage-plugin-change-management-common';
import useAsync from 'react-use/esm/useAsync';
import { AuditPeriod, changeManagementApiRef } from '../../api';
import { changeRouteRef } from '../../routes';
import { formatTime } from '../format';
import { RefLink } from '../RefLink';
import { useNames } from '../useNames';
import { EvidenceLink } from './EvidenceLink';

/**
 * Each exception of the period, oldest first, with its change, when and
 * who, in names and the reader's times (describeException), and the
 * change's evidence packet: what an auditor reads first, before the sample.
 */
export const AuditExceptionList = (props: { period: AuditPeriod }) => {
  const api = useApi(changeManagementApiRef);
  const changeLink = useRouteRef(changeRouteRef);
  const { period } = props;
  const { value, loading, error } = useAsync(
    () => api.getAuditExceptions(period),
    [api, period.from, period.to, period.entityRef],
  );
  const name = useNames(
    value?.items.flatMap(item =>
      item.facts?.approval ? [item.facts.approval.by] : [],
    ) ?? [],
  );

  return (
    <InfoCard title="Exceptions">
      {loading && <Progress />}
      {error && (
        <WarningPanel
          severity="error"
          title="Could not list the exceptions"
          message={error.message}
        />
      )}
      {value && value.items.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          No exceptions in the period: every change followed the workflow.
        </Typography>
      )}
      {value && value.items.length > 0 && (
        <Table size="small" aria-label="Exceptions">
          <TableHead>
            <TableRow>
              <TableCell>When</TableCell>
              <TableCell>Exception</TableCell>
              <TableCell>Change</TableCell>
              <TableCell>Who</TableCell>
              <TableCell>Detail</TableCell>
              <TableCell>Evidence</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {value.items.map(item => (
              <TableRow key={`${item.changeId}-${item.kind}-${item.at}`}>
                <TableCell>{formatTime(item.at)}</TableCell>
                <TableCell>{EXCEPTION_LABELS[item.kind]}</TableCell>
                <TableCell>
                  <Link to={changeLink({ id: item.changeId })}>
                    {item.title}
                  </Link>
                </TableCell>
                <TableCell>
                  <RefLink entityRef={item.actor} />
                </TableCell>
                <TableCell>
                  {describeException(item, { name, time: formatTime })}
                </TableCell>
                <TableCell>
                  <EvidenceLink changeId={item.changeId} title={item.title} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </InfoCard>
  );
};
