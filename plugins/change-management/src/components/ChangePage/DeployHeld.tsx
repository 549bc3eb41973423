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
 * it (the server's deployVerdict), the day it reopens, and what to do
 * instead.
 */
export const DeployHeld = ({ window }: { window: RefusalWindow }) => (
  <Alert severity="warning" id={DEPLOY_HELD_ID}>
    <AlertTitle>{`Deploy is closed: production is ${describeClosure(
      window,
      formatTime,
    )}`}</AlertTitle>
    {`Production reopens ${describeReopening(
      window,
    )}; deploy then. Only emergency changes may deploy until then: if this cannot wait, raise an emergency change.`}
  </Alert>
);
