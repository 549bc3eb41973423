import { useRouteRef } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import VerifiedUserIcon from '@material-ui/icons/VerifiedUser';
import { Link } from 'react-router-dom';
import { auditRouteRef } from '../../routes';

/** The way from the portal page to the Audit page. */
export const AuditLink = () => {
  const auditPage = useRouteRef(auditRouteRef);
  return (
    <Button
      component={Link}
      to={auditPage()}
      color="primary"
      startIcon={<VerifiedUserIcon />}
    >
      Audit
    </Button>
  );
};
