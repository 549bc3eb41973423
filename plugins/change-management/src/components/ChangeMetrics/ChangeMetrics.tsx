import { lazy, useMemo, useState } from 'react';
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
import { ChartSection } from './ChartSection';
import { DeploymentsTable, ScoreTable } from './MetricsTables';
import { PeriodSelector } from './PeriodSelector';
import { MetricsPeriod, periodOf } from './periods';
import { StatTiles } from './StatTiles';

// chart.js comes in a chunk of its own, when the charts are first drawn.
const DeploymentsChart = lazy(() =>
  import('./MetricsCharts').then(m => ({ default: m.DeploymentsChart })),
);
const ScoreChart = lazy(() =>
  import('./MetricsCharts').then(m => ({ default: m.ScoreChart })),
);

/**
 * An entity's delivery figures over the last 30 days, 90 days or year (for
 * a System, with its parts, which the server rolls up): deployments per week
 * by type, lead time, change failure rate, recovery time, emergencies and
 * the change success score. One request per period chosen.
 */
export const ChangeMetrics = (props: { entityRef: string }) => {
  const { entityRef } = props;
  const api = useApi(changeManagementApiRef);
  const [period, setPeriod] = useState<MetricsPeriod>('90d');
  const range = useMemo(() => periodOf(period), [period]);
  const { value, loading, error } = useAsync(
    () => api.getEntityMetrics({ entityRef, ...range }),
    [api, entityRef, range],
  );

  let content;
  if (loading) {
    content = <Progress />;
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (value) {
    const { deployments, score } = value;
    content = (
      <>
        <StatTiles metrics={value} />
        {deployments.total === 0 ? (
          <Typography color="textSecondary" paragraph>
            Nothing was deployed to production in this period.
          </Typography>
        ) : (
          <>
            <ChartSection
              title="Deployments per week"
              chart={<DeploymentsChart perWeek={deployments.perWeek} />}
              table={<DeploymentsTable perWeek={deployments.perWeek} />}
            />
            <ChartSection
              title="Change success score per week"
              chart={<ScoreChart perWeek={score.perWeek} />}
              table={<ScoreTable perWeek={score.perWeek} />}
            />
          </>
        )}
      </>
    );
  }

  return (
    <InfoCard title="Delivery metrics">
      <Box mb={2}>
        <PeriodSelector value={period} onChange={setPeriod} />
      </Box>
      {content}
    </InfoCard>
  );
};
