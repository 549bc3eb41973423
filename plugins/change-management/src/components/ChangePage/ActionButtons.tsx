import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import {
  ChangeAction,
  ChangeView,
} from '@trove/backstage-plugin-change-management-common';
import { ActionDialog } from './ActionDialog';
import { ACTION_LABELS } from './actionForms';

/** Actions that stop or undo the change, shown less prominently. */
const backwards: ChangeAction[] = [
  'request-changes',
  'reject',
  'roll-back',
  'cancel',
];

export type ActionButtonsProps = {
  change: ChangeView;
  onActed: () => void;
  onStale: () => void;
};

/** One button per action the signed-in user may take now, each with its dialog. */
export const ActionButtons = ({
  change,
  onActed,
  onStale,
}: ActionButtonsProps) => {
  const [open, setOpen] = useState<ChangeAction>();
  const actions = change.allowedActions.filter(a => a in ACTION_LABELS);
  if (!actions.length) {
    return null;
  }
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
      {actions.map(action => (
        <Button
          key={action}
          variant={backwards.includes(action) ? 'outlined' : 'contained'}
          color="primary"
          onClick={() => setOpen(action)}
        >
          {ACTION_LABELS[action]}
        </Button>
      ))}
      {open && (
        <ActionDialog
          key={open}
          change={change}
          action={open}
          onClose={() => setOpen(undefined)}
          onActed={() => {
            setOpen(undefined);
            onActed();
          }}
          onStale={() => {
            setOpen(undefined);
            onStale();
          }}
        />
      )}
    </Box>
  );
};
