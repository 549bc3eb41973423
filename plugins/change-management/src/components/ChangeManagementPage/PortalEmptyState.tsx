import { Link } from '@backstage/core-components';
import { configApiRef, useApi, useRouteRef } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { catalogIndexRouteRef } from '../../routes';

/**
 * An empty list, with where to start rather than a picture: a service's
 * Changes tab in the catalog, where changes are raised and their history
 * kept, and the SOP every step follows (config `changeManagement.sopUrl`).
 */
export const PortalEmptyState = (props: {
  title: string;
  description: string;
}) => {
  const catalogLink = useRouteRef(catalogIndexRouteRef);
  const sopUrl = useApi(configApiRef).getOptionalString(
    'changeManagement.sopUrl',
  );
  const catalog = catalogLink ? (
    <Link to={catalogLink()}>the catalog</Link>
  ) : (
    'the catalog'
  );
  return (
    <Box py={2} maxWidth={720}>
      <Typography variant="h6" component="h3" gutterBottom>
        {props.title}
      </Typography>
      <Typography variant="body1" paragraph>
        {props.description}
      </Typography>
      <Typography variant="subtitle1" component="h4">
        Where to start
      </Typography>
      <ul>
        <li>
          <Typography variant="body1">
            Open your service in {catalog} and its <strong>Changes</strong> tab:
            raise a change there, with the service already picked, and read its
            history. Or use <strong>Raise a change</strong> above.
          </Typography>
        </li>
        {sopUrl && (
          <li>
            <Typography variant="body1">
              Every step here follows the{' '}
              <Link to={sopUrl}>Change Management SOP</Link>: who reviews, who
              approves, when production is frozen.
            </Typography>
          </li>
        )}
      </ul>
    </Box>
  );
};
