import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import {
  ChangeAction,
  ChangeView,
  transitionFor,
} from '@trove/backstage-plugin-change-management-common';
import { RaiseChangeDialog } from '../RaiseChangeDialog';
import { ActionDialog } from './ActionDialog';
import { ACTION_FORMS, ACTION_LABELS } from './actionForms';

/** Whether an action goes back to the draft or stops the change. */
function goesBack(change: ChangeView, action: ChangeAction): boolean {
  const kind = transitionFor(change.type, change.state, action)?.kind;
  return kind === 'rework' || kind === 'stop';
}

export type ActionButtonsProps = {
  change: ChangeView;
  onActed: () => void;
  onStale: () => void;
};

/**
 * One button per action the signed-in user may take now, as the server says
 * in `allowedActions`. Editing opens the draft's form; every other action
 * opens its dialog. Going back or stopping is shown less prominently.
 */
export const ActionButtons = ({
  change,
  onActed,
  onStale,
}: ActionButtonsProps) => {
  const [open, setOpen] = useState<ChangeAction>();
  // A newer server may offer an action this frontend does not know yet.
  const actions = change.allowedActions.filter(a => a in ACTION_FORMS);
  if (!actions.length) {
    return null;
  }
  const form = open && ACTION_FORMS[open];
  const close = () => setOpen(undefined);
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
      {actions.map(action => (
        <Button
          key={action}
          variant={goesBack(change, action) ? 'outlined' : 'contained'}
          color="primary"
          onClick={() => setOpen(action)}
        >
          {ACTION_LABELS[action]}
        </Button>
      ))}
      {form === 'draft-form' && (
        <RaiseChangeDialog
          open
          change={change}
          onClose={close}
          onSaved={() => {
            close();
            onActed();
          }}
        />
      )}
      {open && Array.isArray(form) && (
        <ActionDialog
          key={open}
          change={change}
          action={open}
          fields={form}
          onClose={close}
          onActed={() => {
            close();
            onActed();
          }}
          onStale={() => {
            close();
            onStale();
          }}
        />
      )}
    </Box>
  );
};
