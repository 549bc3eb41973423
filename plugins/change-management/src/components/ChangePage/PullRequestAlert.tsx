import { useApi } from '@backstage/core-plugin-api';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  ChangeAction,
  ChangeView,
  recordsPullRequest,
} from '@trove/backstage-plugin-change-management-common';
import useAsync from 'react-use/esm/useAsync';
import { changeManagementApiRef } from '../../api';
import { formatTime } from '../format';

/**
 * Issue 20: in the dialog of an action whose event records the pull
 * request (the review, the CTO's approval and sign-off, the deploy), what
 * the server's judge says of it (pullRequestWarnings), from the snapshot
 * it keeps (GET /changes/:id/pull-request); GitHub is not asked. The
 * action itself reads the PR again and records it.
 */
export const PullRequestAlert = ({
  change,
  action,
}: {
  change: ChangeView;
  action: ChangeAction;
}) => {
  const api = useApi(changeManagementApiRef);
  const asked = recordsPullRequest(action) && Boolean(change.pullRequestUrl);
  const { value } = useAsync(
    async () => (asked ? api.getPullRequest(change.id) : undefined),
    [api, asked, change.id, change.version],
  );
  if (!value?.snapshot || value.warnings.length === 0) return null;
  return (
    <Alert severity="warning" style={{ marginBottom: 16 }}>
      <AlertTitle>{`Pull request #${
        value.snapshot.number
      }, as read ${formatTime(value.snapshot.readAt)}`}</AlertTitle>
      <ul style={{ margin: 0, paddingLeft: 20 }}>
        {value.warnings.map(w => (
          <li key={w.code}>{w.message}</li>
        ))}
      </ul>
    </Alert>
  );
};
