import { IconComponent, useApi, useRouteRef } from '@backstage/core-plugin-api';
import { SidebarItem } from '@backstage/core-components';
import Chip from '@material-ui/core/Chip';
import AssignmentTurnedInIcon from '@material-ui/icons/AssignmentTurnedIn';
import { useLocation } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { changeManagementApiRef } from '../../api';
import { rootRouteRef } from '../../routes';

/** @public */
export type ChangesSidebarItemProps = {
  /** Where the portal is; the plugin's own route by default. */
  to?: string;
  /** "Changes" by default. */
  text?: string;
  icon?: IconComponent;
};

/**
 * The portal's item in the app's sidebar, with how many changes wait for
 * the signed-in user, as the server counts them (GET /queues): shown
 * beside the name, and said in the item's accessible name ("Changes, 3
 * waiting for you"). Counted again as the user moves around the app.
 *
 * @public
 */
export const ChangesSidebarItem = (props: ChangesSidebarItemProps) => {
  const api = useApi(changeManagementApiRef);
  const portal = useRouteRef(rootRouteRef);
  const { pathname } = useLocation();
  const { value } = useAsync(() => api.countQueues(), [api, pathname]);
  const waiting = value?.needsAction ?? 0;
  const text = props.text ?? 'Changes';
  return (
    <SidebarItem
      icon={props.icon ?? AssignmentTurnedInIcon}
      to={props.to ?? portal()}
      text={text}
      aria-label={waiting ? `${text}, ${waiting} waiting for you` : text}
      hasNotifications={waiting > 0}
    >
      {waiting > 0 && <Chip size="small" label={waiting} />}
    </SidebarItem>
  );
};
