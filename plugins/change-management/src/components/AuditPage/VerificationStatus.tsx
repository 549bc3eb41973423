import { InfoCard, WarningPanel } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { Link } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { AuditVerification } from '@trove/backstage-plugin-change-management-common';
import { changeManagementApiRef } from '../../api';
import { changeRouteRef } from '../../routes';
import { formatTime } from '../format';

/** How many checkpoints the page shows. */
const SHOWN = 7;

/** A sha256 in hex: one unbroken word, so let it wrap anywhere. */
const HASH_STYLE = { fontFamily: 'monospace', wordBreak: 'break-all' } as const;
const NO_WRAP = { whiteSpace: 'nowrap' } as const;

const Result = (props: { result: AuditVerification }) => {
  const { result } = props;
  const changeLink = useRouteRef(changeRouteRef);
  if (result.ok) {
    return (
      <Alert severity="success">
        The audit trail is intact: {result.checked} events verified, and every
        change matches its events.
        {result.head && (
          <>
            {' '}
            Head: <span style={HASH_STYLE}>{result.head.hash}</span>
          </>
        )}
      </Alert>
    );
  }
  return (
    <Alert severity="error">
      The audit trail failed verification after {result.checked} good events.{' '}
      {result.problem}
      {result.badChangeId && (
        <>
          {' '}
          <Link to={changeLink({ id: result.badChangeId })}>
            Open the change
          </Link>
        </>
      )}
    </Alert>
  );
};

/**
 * Whether the audit trail is intact (verified on demand: it reads the whole
 * log), and the chain heads recorded each night, to copy elsewhere.
 */
export const VerificationStatus = () => {
  const api = useApi(changeManagementApiRef);
  const checkpoints = useAsync(() => api.listChainCheckpoints(), [api]);
  const [verification, verify] = useAsyncFn(
    () => api.verifyAuditTrail(),
    [api],
  );

  return (
    <InfoCard title="Verification">
      <Box mb={2}>
        <Button
          variant="outlined"
          color="primary"
          onClick={verify}
          disabled={verification.loading}
          startIcon={
            verification.loading ? (
              <CircularProgress size={16} aria-label="Verifying" />
            ) : undefined
          }
        >
          Verify the audit trail now
        </Button>
      </Box>
      {verification.value && <Result result={verification.value} />}
      {verification.error && (
        <Alert severity="error">
          Could not verify: {verification.error.message}
        </Alert>
      )}
      <Box mt={2}>
        <Typography variant="subtitle2" component="h3">
          Last checkpoints
        </Typography>
        {checkpoints.error && (
          <WarningPanel
            severity="error"
            title="Could not list the checkpoints"
            message={checkpoints.error.message}
          />
        )}
        {checkpoints.value?.items.length === 0 && (
          <Typography variant="body2" color="textSecondary">
            None yet: the nightly verification records one.
          </Typography>
        )}
        {!!checkpoints.value?.items.length && (
          <Table size="small" aria-label="Last checkpoints">
            <TableHead>
              <TableRow>
                <TableCell>Taken</TableCell>
                <TableCell style={NO_WRAP}>Event seq</TableCell>
                <TableCell>Head hash</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {checkpoints.value.items.slice(0, SHOWN).map(c => (
                <TableRow key={c.createdAt}>
                  <TableCell>{formatTime(c.createdAt)}</TableCell>
                  <TableCell>{c.seq}</TableCell>
                  <TableCell style={HASH_STYLE}>{c.hash}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Box>
    </InfoCard>
  );
};
