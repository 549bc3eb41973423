import { useState } from 'react';
import { WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Alert from '@material-ui/lab/Alert';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { changeManagementApiRef } from '../../api';
import { DeclareLockdownDialog } from './DeclareLockdownDialog';
import { lockdownWords } from './LockdownBanner';

/**
 * Issue 24, on the portal page: the lockdowns in force and, for the CTO,
 * a Lift button on each and "Declare a lockdown". Whether the user is the
 * CTO is the server's answer (`canDeclare`, by the check that refuses the
 * others); a refusal all the same is shown.
 */
export const LockdownPanel = () => {
  const api = useApi(changeManagementApiRef);
  const active = useAsyncRetry(
    () => api.listLockdowns({ active: true }),
    [api],
  );
  const [declaring, setDeclaring] = useState(false);
  const [error, setError] = useState<string>();
  const canDeclare = active.value?.canDeclare ?? false;

  const lift = async (id: string) => {
    setError(undefined);
    try {
      await api.liftLockdown(id);
      active.retry();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <Box mb={2}>
      {error && <Alert severity="error">{error}</Alert>}
      {active.value?.items.map(lockdown => (
        <Box key={lockdown.id} mb={1}>
          <WarningPanel
            severity="error"
            title={`Production lockdown: ${lockdown.reason}`}
            message={lockdownWords(lockdown)}
          />
          {canDeclare && (
            <Button
              size="small"
              variant="outlined"
              onClick={() => lift(lockdown.id)}
              aria-label={`Lift the lockdown: ${lockdown.reason}`}
            >
              Lift
            </Button>
          )}
        </Box>
      ))}
      {canDeclare && (
        <Button variant="outlined" onClick={() => setDeclaring(true)}>
          Declare a lockdown
        </Button>
      )}
      <DeclareLockdownDialog
        open={declaring}
        onClose={() => setDeclaring(false)}
        onDeclared={() => {
          setDeclaring(false);
          active.retry();
        }}
      />
    </Box>
  );
};
