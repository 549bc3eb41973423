import { ReactNode, Suspense, useId, useState } from 'react';
import { ErrorBoundary, Progress } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';

/**
 * A chart under its heading, and its table alternative, shown on demand
 * below it: the same numbers for a screen reader or to paste into a report.
 */
export const ChartSection = (props: {
  title: string;
  chart: ReactNode;
  table: ReactNode;
}) => {
  const [showTable, setShowTable] = useState(false);
  const tableId = useId();
  return (
    <Box component="section" mt={3}>
      <Box
        display="flex"
        flexWrap="wrap"
        alignItems="center"
        justifyContent="space-between"
      >
        <Typography variant="subtitle1" component="h3">
          {props.title}
        </Typography>
        <Button
          size="small"
          aria-expanded={showTable}
          aria-controls={tableId}
          onClick={() => setShowTable(shown => !shown)}
        >
          {showTable ? 'Hide the table' : 'Show as table'}
        </Button>
      </Box>
      {/* A chart that fails to load or draw leaves the table and figures. */}
      <ErrorBoundary>
        <Suspense fallback={<Progress />}>{props.chart}</Suspense>
      </ErrorBoundary>
      <Box id={tableId} hidden={!showTable} overflow="auto">
        {showTable && props.table}
      </Box>
    </Box>
  );
};
