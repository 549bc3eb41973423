import { useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { Lockdown } from '@trove/backstage-plugin-change-management-common';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { changeManagementApiRef } from '../../api';

type Scope = 'everything' | 'system' | 'domain';

/** A datetime-local value (the reader's zone) as an ISO time. */
const toIso = (local: string) => new Date(local).toISOString();

/**
 * Issue 24: the CTO declares a lockdown: everything, a System or a Domain,
 * a reason, a start and an optional end. The server decides who may; its
 * refusal is shown as it words it.
 */
export const DeclareLockdownDialog = (props: {
  open: boolean;
  onClose: () => void;
  onDeclared: (lockdown: Lockdown) => void;
}) => {
  const api = useApi(changeManagementApiRef);
  const [scope, setScope] = useState<Scope>('everything');
  const [name, setName] = useState('');
  const [reason, setReason] = useState('');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const lockdown = await api.declareLockdown({
        ...(scope !== 'everything' && {
          entityRef: name.includes(':') ? name : `${scope}:default/${name}`,
        }),
        reason,
        start: start ? toIso(start) : new Date().toISOString(),
        ...(end && { end: toIso(end) }),
      });
      props.onDeclared(lockdown);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={props.open} onClose={props.onClose} fullWidth maxWidth="sm">
      <DialogTitle>Declare a lockdown</DialogTitle>
      <DialogContent>
        {error && <Alert severity="error">{error}</Alert>}
        <TextField
          select
          id="lockdown-scope"
          label="Scope"
          value={scope}
          onChange={e => setScope(e.target.value as Scope)}
          fullWidth
          margin="normal"
          SelectProps={{ inputProps: { 'aria-label': 'Scope' } }}
        >
          <MenuItem value="everything">Everything</MenuItem>
          <MenuItem value="system">A System</MenuItem>
          <MenuItem value="domain">A Domain</MenuItem>
        </TextField>
        {scope !== 'everything' && (
          <TextField
            id="lockdown-scope-name"
            label={scope === 'system' ? 'System' : 'Domain'}
            helperText="Its name, or its full ref"
            value={name}
            onChange={e => setName(e.target.value)}
            fullWidth
            margin="normal"
            required
          />
        )}
        <TextField
          id="lockdown-reason"
          label="Reason"
          value={reason}
          onChange={e => setReason(e.target.value)}
          fullWidth
          margin="normal"
          required
        />
        <TextField
          id="lockdown-start"
          label="Start"
          type="datetime-local"
          helperText="Now if left empty"
          value={start}
          onChange={e => setStart(e.target.value)}
          fullWidth
          margin="normal"
          InputLabelProps={{ shrink: true }}
        />
        <TextField
          id="lockdown-end"
          label="End (optional)"
          type="datetime-local"
          helperText="Until lifted if left empty"
          value={end}
          onChange={e => setEnd(e.target.value)}
          fullWidth
          margin="normal"
          InputLabelProps={{ shrink: true }}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          onClick={submit}
          disabled={busy}
        >
          Declare
        </Button>
      </DialogActions>
    </Dialog>
  );
};
