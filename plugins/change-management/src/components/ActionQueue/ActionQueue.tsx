import { ReactNode, useState } from 'react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Switch from '@material-ui/core/Switch';
import {
  ACTION_LABELS,
  ChangeListItem,
  deployVerdict,
  FreezeStatus,
  nextSteps,
  productionClosure,
} from '@trove/backstage-plugin-change-management-common';
import { DateTime } from 'luxon';
import { ChangesTable, ListColumn } from '../ChangesTable';
import { formatTime } from '../format';
import { heldLabel } from '../held';

/**
 * What the signed-in user is to do about a change of their queue: its next
 * step in the workflow, which the queue's own query says is theirs.
 */
function yourAction(change: ChangeListItem): string {
  const [next] = nextSteps(change);
  return next ? ACTION_LABELS[next] : '';
}

/** How long a change has waited since its last step: "3 days ago". */
const WaitingCell = ({ change }: { change: ChangeListItem }) => (
  <span title={formatTime(change.updatedAt)} style={{ whiteSpace: 'nowrap' }}>
    {DateTime.fromISO(change.updatedAt).toRelative()}
  </span>
);

export type ActionQueueProps = {
  /**
   * Production now, as the server's freeze calendar says (GET /freeze):
   * what holds a ready change back. Unknown while it loads.
   */
  freeze?: FreezeStatus;
  /** Shown when nothing waits for the user. */
  empty: ReactNode;
};

/**
 * What waits for the signed-in user, emergencies first: each change with
 * the user's action (Approve, Sign off, Complete review…), how long it has
 * waited, and grouped by action, where the changes the freeze holds back
 * form a group of their own.
 */
export const ActionQueue = ({ freeze, empty }: ActionQueueProps) => {
  const [byAction, setByAction] = useState(true);
  const closure =
    freeze &&
    productionClosure({
      freeze: freeze.window,
      freezeTimeZone: freeze.timeZone,
      blackouts: freeze.blackouts,
    });
  // The one judge of a deploy, on the server's freeze.
  const heldBy = (change: ChangeListItem) =>
    closure && deployVerdict(change, 'production', closure).heldBy;

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
          </Box>
        );
      },
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
