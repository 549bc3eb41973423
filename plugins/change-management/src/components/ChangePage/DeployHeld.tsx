import Link from '@material-ui/core/Link';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  describeClosure,
  describeReopening,
  RefusalWindow,
} from '@trove/backstage-plugin-change-management-common';
import { formatTime } from '../format';

/** The id of the text that says why the deploy button is disabled. */
export const DEPLOY_HELD_ID = 'change-deploy-held';

/**
 * Why the deploy of a standard or infrastructure change is not offered
 * now, before anyone fills in a dialog: the freeze or blackout that holds
 * it (the server's deployVerdict, or its FreezeError when it refused the
 * deploy), the day it reopens, and what to do instead: raise an emergency
 * from this change, when offered.
 */
export const DeployHeld = (props: {
  window: RefusalWindow;
  /** Opens the form of an emergency filled from this change. */
  onRaiseEmergency?: () => void;
  /** The page's notice, which the disabled Deploy button points to. */
  id?: string;
  /** `error` for a deploy the server refused. */
  severity?: 'warning' | 'error';
}) => (
  <Alert severity={props.severity ?? 'warning'} id={props.id}>
    <AlertTitle>{`Deploy is closed: production is ${describeClosure(
      props.window,
      formatTime,
    )}`}</AlertTitle>
    {`Production reopens ${describeReopening(
      props.window,
    )}; deploy then. Only emergency changes may deploy until then`}
    {props.onRaiseEmergency ? (
      <>
        {'. If this cannot wait: '}
        <Link
          component="button"
          variant="body2"
          underline="always"
          style={{ verticalAlign: 'baseline' }}
          onClick={props.onRaiseEmergency}
        >
          Raise an emergency from this change
        </Link>
      </>
    ) : (
      ': if this cannot wait, raise an emergency change.'
    )}
  </Alert>
);
