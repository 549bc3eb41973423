import { FormEvent, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  ActionRequest,
  ChangeAction,
  ChangeView,
  parseActionRequest,
} from '@trove/backstage-plugin-change-management-common';
import { changeManagementApiRef } from '../../api';
import {
  ACTION_LABELS,
  ActionFormFields,
  FieldSpec,
  FormValues,
  initialValues,
  toRequestFields,
} from './actionForms';
import { describeFailure } from '../errors';

/** zod's issues by field name; issues outside the form go under ''. */
function validationMessages(error: unknown): Record<string, string> {
  const issues = (error as { issues?: unknown })?.issues;
  if (!Array.isArray(issues)) {
    return { '': describeFailure(error).message };
  }
  const messages: Record<string, string> = {};
  for (const issue of issues as { path?: unknown[]; message: string }[]) {
    const key = String(issue.path?.[0] ?? '');
    messages[key] = messages[key] ?? issue.message;
  }
  return messages;
}

function introduction(action: ChangeAction, change: ChangeView) {
  switch (action) {
    case 'submit':
      return `Submit this change for ${
        change.type === 'emergency' ? 'CTO approval' : 'peer review'
      }? The server checks first that its record is complete.`;
    case 'deploy':
      return change.type === 'emergency'
        ? 'The retrospective falls due 48 hours after this deploy.'
        : undefined;
    case 'record-staging':
      return 'A check that did not pass, or staging tested "No", sends the change back to draft.';
    default:
      return undefined;
  }
}

export type ActionDialogProps = {
  change: ChangeView;
  action: ChangeAction;
  /** The inputs the action records (ACTION_FORMS). */
  fields: FieldSpec[];
  onClose: () => void;
  /** The action was accepted. */
  onActed: () => void;
  /** The server refused the version the user saw. */
  onStale: () => void;
};

/** Asks for the fields of one action, validates them and takes the action. */
export const ActionDialog = (props: ActionDialogProps) => {
  const { change, action, fields, onClose, onActed, onStale } = props;
  const api = useApi(changeManagementApiRef);
  const label = ACTION_LABELS[action];
  const idPrefix = `change-action-${action}`;
  const [values, setValues] = useState<FormValues>(() => initialValues(fields));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<{
    frozen: boolean;
    message: string;
  }>();
  const [busy, setBusy] = useState(false);

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    let request: ActionRequest;
    try {
      request = parseActionRequest({
        action,
        version: change.version,
        ...toRequestFields(fields, values),
      });
    } catch (error) {
      setErrors(validationMessages(error));
      return;
    }
    setErrors({});
    setFailure(undefined);
    setBusy(true);
    try {
      await api.act(change.id, request);
    } catch (error) {
      setBusy(false);
      const { status, message } = describeFailure(error);
      if (status === 409 && /someone else/i.test(message)) {
        onStale();
      } else {
        setFailure({
          frozen: status === 409 && /frozen/i.test(message),
          message,
        });
      }
      return;
    }
    onActed();
  };

  const intro = introduction(action, change);
  const known = new Set(fields.map(f => f.name));
  const otherErrors = Object.entries(errors).filter(([k]) => !known.has(k));

  return (
    <Dialog
      open
      onClose={busy ? undefined : onClose}
      aria-labelledby={`${idPrefix}-title`}
      fullWidth
      maxWidth="sm"
    >
      <form onSubmit={handleSubmit} noValidate>
        <DialogTitle id={`${idPrefix}-title`}>{label}</DialogTitle>
        <DialogContent>
          {failure && (
            <Alert severity="error" style={{ marginBottom: 16 }}>
              {failure.frozen && (
                <AlertTitle>Production deploys are frozen</AlertTitle>
              )}
              {failure.message}
            </Alert>
          )}
          {otherErrors.map(([key, message]) => (
            <Alert key={key} severity="error" style={{ marginBottom: 16 }}>
              {message}
            </Alert>
          ))}
          {intro && <DialogContentText>{intro}</DialogContentText>}
          <ActionFormFields
            idPrefix={idPrefix}
            fields={fields}
            values={values}
            errors={errors}
            disabled={busy}
            onChange={(name, value) =>
              setValues(v => ({ ...v, [name]: value }))
            }
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={busy}>
            Close
          </Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={busy}
          >
            {label}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
};
