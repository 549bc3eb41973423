import { ReactNode, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Switch from '@material-ui/core/Switch';
import {
  ChangeListItem,
  nextSteps,
  recordsPullRequest,
  RefusalWindow,
  YOUR_ACTION_LABELS,
} from '@trove/backstage-plugin-change-management-common';
import { DateTime } from 'luxon';
import useAsync from 'react-use/esm/useAsync';
import { changeManagementApiRef } from '../../api';
import { ChangesTable, ListColumn } from '../ChangesTable';
import { formatTime } from '../format';
import { heldLabel } from '../held';
import { PullRequestWarnings } from '../PullRequestWarnings';
import { RiskChip } from '../Risk';

/**
 * What the signed-in user is to do about a change of their queue: its next
 * step in the workflow, which the queue's own query says is theirs.
 */
function yourAction(change: ChangeListItem): string {
  const [next] = nextSteps(change);
  return next ? YOUR_ACTION_LABELS[next] : '';
}

/**
 * Issue 20: the PR's warnings, where the next step is one whose event
 * records the PR (the review, the CTO's approval and sign-off, the
 * deploy): the signature relies on it.
 */
function pullRequestWarningsOf(change: ChangeListItem) {
  const [next] = nextSteps(change);
  return next && recordsPullRequest(next)
    ? change.pullRequestWarnings
    : undefined;
}

/**
 * What holds back the deploy of each change shown whose next step is its
 * deploy: the server's verdict on that change (GET /changes/:id), with the
 * freeze and the blackouts of its own entities.
 */
function useDeployHolds(shown: ChangeListItem[]) {
  const api = useApi(changeManagementApiRef);
  const deployable = shown.filter(c => nextSteps(c).includes('deploy'));
  const { value } = useAsync(async () => {
    const details = await Promise.all(deployable.map(c => api.getChange(c.id)));
    return new Map<string, RefusalWindow | undefined>(
      details.map(d => [d.id, d.deployVerdict.heldBy]),
    );
  }, [api, deployable.map(c => `${c.id}@${c.updatedAt}`).join()]);
  return (change: ChangeListItem) => value?.get(change.id);
}

/** How long a change has waited since its last step: "3 days ago". */
const WaitingCell = ({ change }: { change: ChangeListItem }) => (
  <span title={formatTime(change.updatedAt)} style={{ whiteSpace: 'nowrap' }}>
    {DateTime.fromISO(change.updatedAt).toRelative()}
  </span>
);

export type ActionQueueProps = {
  /** Shown when nothing waits for the user. */
  empty: ReactNode;
};

/**
 * What waits for the signed-in user, emergencies first: each change with
 * the user's action (Approve, Sign off, Review the retrospective…) and how
 * long it has waited; grouped by action if asked, where the changes the
 * freeze or a blackout holds back form a group of their own.
 */
export const ActionQueue = ({ empty }: ActionQueueProps) => {
  // One table, its "Your action" column saying what each change needs.
  const [byAction, setByAction] = useState(false);
  const [shown, setShown] = useState<ChangeListItem[]>([]);
  const heldBy = useDeployHolds(shown);

  const columns: ListColumn[] = [
    {
      title: 'Your action',
      onPhone: true,
      render: change => {
        const held = heldBy(change);
        return (
          <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
            <span>{yourAction(change)}</span>
            {held && <Chip size="small" label={heldLabel(held)} />}
            <PullRequestWarnings warnings={pullRequestWarningsOf(change)} />
          </Box>
        );
      },
    },
    {
      // Issue 24: the stored assessment; sorted by score, on the page shown.
      title: 'Risk',
      render: change =>
        change.risk ? (
          <RiskChip risk={change.risk} size="small" />
        ) : (
          'Not assessed'
        ),
      customSort: (a, b) => (a.risk?.score ?? -1) - (b.risk?.score ?? -1),
    },
    {
      title: 'Waiting since',
      render: change => <WaitingCell change={change} />,
    },
  ];
  const groupOf = (change: ChangeListItem) => {
    const held = heldBy(change);
    return held ? heldLabel(held) : yourAction(change);
  };

  return (
    <ChangesTable
      title="Waiting for you"
      query={{ needsActionByMe: true, order: 'due' }}
      showAffected
      columns={columns}
      groupOf={byAction ? groupOf : undefined}
      onItems={setShown}
      toolbar={
        <FormControlLabel
          control={
            <Switch
              color="primary"
              checked={byAction}
              onChange={(_, checked) => setByAction(checked)}
            />
          }
          label="Group by action"
        />
      }
      empty={empty}
    />
  );
};
