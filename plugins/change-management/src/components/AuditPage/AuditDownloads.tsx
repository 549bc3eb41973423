import { useState } from 'react';
import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import GetAppIcon from '@material-ui/icons/GetApp';
import Alert from '@material-ui/lab/Alert';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import {
  auditSampleFileName,
  changeLogFileName,
} from '@trove/backstage-plugin-change-management-common';
import { AuditPeriod, changeManagementApiRef } from '../../api';
import { downloadAttachment } from '../download';

/** The most changes a sample draws (the API's limit). */
const MAX_SAMPLE = 200;

const Busy = (props: { busy: boolean; label: string }) =>
  props.busy ? (
    <CircularProgress size={16} aria-label={props.label} />
  ) : (
    <GetAppIcon />
  );

/**
 * The evidence of a period: its change log as CSV, and a sample of its
 * production changes drawn with a seed, so that drawing again with the same
 * seed gives the same changes, each with its evidence, as a zip.
 */
export const AuditDownloads = (props: {
  period: AuditPeriod;
  valid: boolean;
}) => {
  const { period, valid } = props;
  const api = useApi(changeManagementApiRef);
  const [size, setSize] = useState('25');
  const [seed, setSeed] = useState(() => `audit-${period.from}`);

  const [log, downloadLog] = useAsyncFn(async () => {
    const csv = await api.exportChangeLog(period);
    downloadAttachment(csv, changeLogFileName(period));
  }, [api, period]);
  const [sample, drawSample] = useAsyncFn(async () => {
    const request = { ...period, size: Number(size), seed };
    const zip = await api.downloadAuditSample(request);
    downloadAttachment(zip, auditSampleFileName(request));
  }, [api, period, size, seed]);
  const sizeInvalid = !/^[1-9]\d*$/.test(size) || Number(size) > MAX_SAMPLE;
  const error = log.error ?? sample.error;

  return (
    <InfoCard title="Evidence">
      <Typography variant="body2" color="textSecondary" paragraph>
        The change log has one row per change raised in the period (of the
        System, if one is picked), with the columns of the SOP. The sample draws
        from the production changes of the period (of the System, if one is
        picked) at random from the seed; the same seed draws the same changes
        again.
      </Typography>
      <Box
        display="flex"
        flexWrap="wrap"
        alignItems="flex-start"
        style={{ gap: 16 }}
      >
        <Button
          variant="outlined"
          color="primary"
          onClick={downloadLog}
          disabled={!valid || log.loading}
          startIcon={<Busy busy={log.loading} label="Downloading" />}
        >
          Download the change log
        </Button>
        <TextField
          id="audit-sample-size"
          label="Sample size"
          value={size}
          onChange={e => setSize(e.target.value)}
          error={sizeInvalid}
          helperText={sizeInvalid ? `From 1 to ${MAX_SAMPLE}` : ' '}
          style={{ width: 120 }}
        />
        <TextField
          id="audit-sample-seed"
          label="Seed"
          value={seed}
          onChange={e => setSeed(e.target.value)}
          helperText="Write it down to draw again"
        />
        <Button
          variant="contained"
          color="primary"
          onClick={drawSample}
          disabled={!valid || sizeInvalid || !seed || sample.loading}
          startIcon={<Busy busy={sample.loading} label="Drawing" />}
        >
          Draw a sample
        </Button>
      </Box>
      {error && (
        <Box mt={2}>
          <Alert severity="error">
            Could not download the evidence: {error.message}
          </Alert>
        </Box>
      )}
    </InfoCard>
  );
};
