import Button from '@material-ui/core/Button';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  refusalOf,
  STATE_LABELS,
} from '@trove/backstage-plugin-change-management-common';
import { describeFailure } from '../errors';
import { DeployHeld } from './DeployHeld';

export type RefusalAlertProps = {
  /** What the API client threw. */
  error: unknown;
  /** Reloads the change, for a refusal that says it moved on. */
  onReload: () => void;
  /** Opens the form of an emergency filled from this change. */
  onRaiseEmergency?: () => void;
};

/**
 * Why the server refused an action, read from the refusal's name and fields
 * (never its message text): the freeze with its window, as the page's own
 * notice says it (DeployHeld), a change that moved on with a way to reload
 * it, or else what the server said.
 */
export const RefusalAlert = ({
  error,
  onReload,
  onRaiseEmergency,
}: RefusalAlertProps) => {
  const refusal = refusalOf(error);
  const style = { marginBottom: 16 };
  if (refusal?.name === 'FreezeError') {
    return (
      <div style={style}>
        <DeployHeld
          window={refusal.window}
          severity="error"
          onRaiseEmergency={onRaiseEmergency}
        />
      </div>
    );
  }
  if (refusal?.name === 'InvalidTransitionError') {
    return (
      <Alert
        severity="warning"
        style={style}
        action={
          <Button color="inherit" size="small" onClick={onReload}>
            Reload
          </Button>
        }
      >
        <AlertTitle>This change has moved on</AlertTitle>
        It is {STATE_LABELS[refusal.state].toLocaleLowerCase('en-US')} now.
        Reload it to see what you may do.
      </Alert>
    );
  }
  return (
    <Alert severity="error" style={style}>
      {describeFailure(error).message}
    </Alert>
  );
};
