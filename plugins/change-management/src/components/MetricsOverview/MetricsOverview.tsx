import { useMemo, useState } from 'react';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { changeManagementApiRef } from '../../api';
import { PeriodSelector } from '../ChangeMetrics/PeriodSelector';
import { MetricsPeriod, periodOf } from '../ChangeMetrics/periods';
import { GroupsTable } from './GroupsTable';
import { SystemsTable } from './SystemsTable';

/**
 * The CTO's overview (issue 21): every System's four keys, change success
 * score, audit exceptions and overdue retrospectives over the last 30
 * days, 90 days or year, and each owning group's score. One request per
 * period chosen.
 */
export const MetricsOverview = () => {
  const api = useApi(changeManagementApiRef);
  const [period, setPeriod] = useState<MetricsPeriod>('90d');
  const range = useMemo(() => periodOf(period), [period]);
  const { value, loading, error } = useAsync(
    () => api.getMetricsOverview(range),
    [api, range],
  );

  let content;
  if (loading) {
    content = <Progress />;
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (value && value.systems.length === 0) {
    content = (
      <Typography color="textSecondary" paragraph>
        No System has a change you may read.
      </Typography>
    );
  } else if (value) {
    content = (
      <>
        <SystemsTable
          rows={value.systems}
          withExceptions={value.systems.some(s => s.exceptions !== null)}
        />
        <Box mt={3}>
          <Typography variant="h6" component="h3" gutterBottom>
            Change success score by owning group
          </Typography>
          <GroupsTable rows={value.groups} />
        </Box>
      </>
    );
  }

  return (
    <InfoCard title="Delivery across Systems">
      <Box mb={2}>
        <PeriodSelector value={period} onChange={setPeriod} />
      </Box>
      {content}
    </InfoCard>
  );
};
