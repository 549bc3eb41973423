import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import {
  ACTION_LABELS,
  ChangeAction,
  ChangeView,
  PullRequestWarning,
  transitionFor,
} from '@trove/backstage-plugin-change-management-common';
import { RaiseChangeDialog } from '../RaiseChangeDialog';
import { ActionDialog } from './ActionDialog';
import { ACTION_FORMS } from './actionForms';

/** Whether an action goes back to the draft or stops the change. */
function goesBack(change: ChangeView, action: ChangeAction): boolean {
  const kind = transitionFor(change.type, change.state, action)?.kind;
  return kind === 'rework' || kind === 'stop';
}

export type ActionButtonsProps = {
  change: ChangeView;
  /** After an action; a draft's form adds its pull request warnings. */
  onActed: (action: ChangeAction, warnings?: PullRequestWarning[]) => void;
  onStale: () => void;
  /**
   * Actions shown but not offered now, with the id of the text that says
   * why (a deploy in a freeze).
   */
  held?: Partial<Record<ChangeAction, string>>;
  /** Opens the form of an emergency filled from this change. */
  onRaiseEmergency?: () => void;
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
  held = {},
  onRaiseEmergency,
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
          disabled={!!held[action]}
          aria-describedby={held[action]}
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
          onSaved={(saved, warnings) => {
            close();
            // The draft's form saves, or saves and submits.
            onActed(saved.state === 'draft' ? 'edit' : 'submit', warnings);
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
            onActed(open);
          }}
          onStale={() => {
            close();
            onStale();
          }}
          onRaiseEmergency={
            onRaiseEmergency &&
            (() => {
              close();
              onRaiseEmergency();
            })
          }
        />
      )}
    </Box>
  );
};
