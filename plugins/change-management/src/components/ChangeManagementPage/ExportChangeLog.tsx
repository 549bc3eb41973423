import { useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import GetAppIcon from '@material-ui/icons/GetApp';
import Alert from '@material-ui/lab/Alert';
import { DateTime } from 'luxon';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import {
  changeLogFileName,
  periodIssue,
} from '@trove/backstage-plugin-change-management-common';
import { changeManagementApiRef } from '../../api';
import { downloadAttachment } from '../download';

const ISO_DATE = 'yyyy-MM-dd';

/**
 * Downloads the change log (one row per change, the SOP's columns) of the
 * changes raised in [From, To), as CSV, for auditors. The range defaults to
 * this year so far, today included. With an entity, only its history (a
 * System's includes its parts).
 */
export const ExportChangeLog = ({ entityRef }: { entityRef?: string }) => {
  const api = useApi(changeManagementApiRef);
  const [from, setFrom] = useState(() =>
    DateTime.local().startOf('year').toFormat(ISO_DATE),
  );
  const [to, setTo] = useState(() =>
    DateTime.local().plus({ days: 1 }).toFormat(ISO_DATE),
  );
  const [invalid, setInvalid] = useState<string>();

  const [{ loading, error }, exportCsv] = useAsyncFn(
    async (range: { from: string; to: string }) => {
      const scope = { ...range, entityRef };
      const csv = await api.exportChangeLog(scope);
      downloadAttachment(csv, changeLogFileName(scope));
    },
    [api, entityRef],
  );

  const onExport = () => {
    const issue = periodIssue({ from, to });
    setInvalid(issue?.message);
    if (issue) return;
    exportCsv({ from, to });
  };

  return (
    <Box mb={3}>
      <Typography variant="h6" component="h3" gutterBottom>
        Export the change log
      </Typography>
      <Typography variant="body2" color="textSecondary" paragraph>
        One row per change raised from the From date up to, but not including,
        the To date, with the columns of the SOP's change log.
      </Typography>
      <Box
        display="flex"
        flexWrap="wrap"
        alignItems="center"
        style={{ gap: 16 }}
      >
        <TextField
          id="change-log-from"
          type="date"
          label="From"
          value={from}
          onChange={e => setFrom(e.target.value)}
          InputLabelProps={{ shrink: true }}
        />
        <TextField
          id="change-log-to"
          type="date"
          label="To"
          value={to}
          onChange={e => setTo(e.target.value)}
          InputLabelProps={{ shrink: true }}
          error={Boolean(invalid)}
          helperText={invalid ?? 'Not included'}
        />
        <Button
          variant="contained"
          color="primary"
          onClick={onExport}
          disabled={loading}
          startIcon={
            loading ? (
              <CircularProgress size={16} aria-label="Exporting" />
            ) : (
              <GetAppIcon />
            )
          }
        >
          Export CSV
        </Button>
      </Box>
      {error && (
        <Box mt={2}>
          <Alert severity="error">
            Could not export the change log: {error.message}
          </Alert>
        </Box>
      )}
    </Box>
  );
};
