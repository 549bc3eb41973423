import { useState } from 'react';
import { InfoCard, Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import useAsync from 'react-use/esm/useAsync';
import {
  ChangePullRequest,
  ChangeView,
} from '@trove/backstage-plugin-change-management-common';
import { WrappingListItemText } from '../WrappingListItemText';
import { changeManagementApiRef } from '../../api';
import { formatTime } from '../format';

const STATE_WORDS = { open: 'Open', merged: 'Merged', closed: 'Closed' };

/**
 * Issue 20: the linked pull request as the server last read it (at the
 * review, the CTO's signatures and the deploy, or on Refresh), with the
 * server's warnings. Reading the page asks nothing of GitHub.
 */
export const PullRequestCard = ({ change }: { change: ChangeView }) => {
  const api = useApi(changeManagementApiRef);
  const [refreshed, setRefreshed] = useState<ChangePullRequest>();
  const [refreshing, setRefreshing] = useState(false);
  const [failed, setFailed] = useState<Error>();
  // Read again when the change moves: the server took a snapshot then.
  const stored = useAsync(
    () => api.getPullRequest(change.id),
    [api, change.id, change.version],
  );
  const answer = refreshed ?? stored.value;
  // Without a reader (no GitHub module) there is nothing to show.
  if (!change.pullRequestUrl || !answer?.reader) return null;
  const refresh = async () => {
    setRefreshing(true);
    setFailed(undefined);
    try {
      setRefreshed(await api.refreshPullRequest(change.id));
    } catch (error) {
      setFailed(error as Error);
    } finally {
      setRefreshing(false);
    }
  };
  const pr = answer?.snapshot;
  return (
    <InfoCard
      title="Pull request"
      titleTypographyProps={{ component: 'h3' }}
      action={
        <Button onClick={refresh} disabled={refreshing} color="primary">
          {refreshing ? 'Refreshing…' : 'Refresh'}
        </Button>
      }
    >
      {failed && <Alert severity="error">{String(failed)}</Alert>}
      {answer.problem && <Alert severity="warning">{answer.problem}</Alert>}
      {!pr ? (
        <Typography variant="body2" color="textSecondary">
          <Link to={change.pullRequestUrl}>{change.pullRequestUrl}</Link>: not
          read yet.
        </Typography>
      ) : (
        <>
          <Typography variant="body1">
            <Link to={pr.url}>
              {pr.repository}#{pr.number}: {pr.title}
            </Link>
          </Typography>
          <Typography variant="body2" paragraph>
            {STATE_WORDS[pr.state]}
            {pr.mergedAt && ` ${formatTime(pr.mergedAt)}`} · by {pr.author} ·
            head {pr.headSha.slice(0, 12)}
            {pr.mergeSha && ` · merge ${pr.mergeSha.slice(0, 12)}`} · read{' '}
            {formatTime(pr.readAt)}
          </Typography>
          {answer.warnings.map(w => (
            <Alert key={w.code} severity="warning">
              {w.message}
            </Alert>
          ))}
          <Typography variant="subtitle2" component="h4">
            Approving reviews
          </Typography>
          <List dense aria-label="Approving reviews">
            {pr.approvals.length === 0 && (
              <ListItem>
                <WrappingListItemText primary="None by anyone but the author" />
              </ListItem>
            )}
            {pr.approvals.map(a => (
              <ListItem key={a.reviewer}>
                <WrappingListItemText
                  primary={a.reviewer}
                  secondary={formatTime(a.at)}
                />
              </ListItem>
            ))}
          </List>
          <Typography variant="subtitle2" component="h4">
            Checks on the head commit
          </Typography>
          <List dense aria-label="Checks on the head commit">
            {pr.checks.length === 0 && (
              <ListItem>
                <WrappingListItemText primary="None" />
              </ListItem>
            )}
            {pr.checks.map(c => (
              <ListItem key={c.name}>
                <WrappingListItemText
                  primary={`${c.name}: ${c.conclusion ?? c.status}`}
                  secondary={c.at ? formatTime(c.at) : undefined}
                />
              </ListItem>
            ))}
          </List>
        </>
      )}
    </InfoCard>
  );
};
