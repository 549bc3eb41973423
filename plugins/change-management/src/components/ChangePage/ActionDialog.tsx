import { FormEvent, useEffect, useRef, useState } from 'react';
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
  ACTION_LABELS,
  ActionRequest,
  ChangeAction,
  ChangeView,
  describeClosure,
  EXCEPTION_LABELS,
  failedAnswers,
  InputIssue,
  parseActionRequest,
  refusalOf,
  RETROSPECTIVE_DUE_WORDS,
  STATE_LABELS,
  toInputIssues,
  transitionFor,
} from '@trove/backstage-plugin-change-management-common';
import { changeManagementApiRef } from '../../api';
import {
  ActionFormFields,
  choicesOf,
  FieldSpec,
  FormValues,
  initialValues,
  toRequestFields,
} from './actionForms';
import { describeFailure } from '../errors';
import { formatTime } from '../format';
import { useApprovalOverride } from './approvalOverride';
import { PlacedIssues, placeIssues } from '../issues';
import { PullRequestAlert } from './PullRequestAlert';
import { RefusalAlert } from './RefusalAlert';

function introduction(action: ChangeAction, change: ChangeView) {
  switch (action) {
    case 'submit':
      return `Submit this change for ${
        change.type === 'emergency' ? 'CTO approval' : 'peer review'
      }? The server checks first that its record is complete.`;
    case 'deploy':
      return change.type === 'emergency'
        ? `The retrospective falls due ${RETROSPECTIVE_DUE_WORDS} after this deploy.`
        : undefined;
    case 'record-staging':
      return 'Answer each check. A failed check, or staging tested "No", sends the change back to draft.';
    default:
      return undefined;
  }
}

/** What recording a failure does, said before it is recorded. */
function consequence(action: ChangeAction, change: ChangeView): string {
  if (action === 'record-staging') {
    return 'The change goes back to draft, and its peer review and CTO approval are cleared: after a fix it is submitted, reviewed and approved again.';
  }
  const to = transitionFor(change.type, change.state, action)?.to;
  return `The change still moves on to ${
    to ? STATE_LABELS[to] : 'its next step'
  }, with the failure on its record for the auditors. If production is broken, roll back instead.`;
}

export type ActionDialogProps = {
  change: ChangeView;
  action: ChangeAction;
  /** The inputs the action records (ACTION_FORMS). */
  fields: FieldSpec[];
  onClose: () => void;
  /** The action was accepted. */
  onActed: () => void;
  /** The change moved on since the user saw it: reload it. */
  onStale: () => void;
  /** Opens the form of an emergency filled from this change (a deploy the freeze refused). */
  onRaiseEmergency?: () => void;
};

/** Asks for the fields of one action, validates them and takes the action. */
export const ActionDialog = (props: ActionDialogProps) => {
  const { change, action, fields, onClose, onActed, onStale } = props;
  const { onRaiseEmergency } = props;
  const api = useApi(changeManagementApiRef);
  const label = ACTION_LABELS[action];
  const idPrefix = `change-action-${action}`;
  const [values, setValues] = useState<FormValues>(() => initialValues(fields));
  const [issues, setIssues] = useState<PlacedIssues>({
    fields: {},
    general: [],
  });
  // What the server refused, when no field of the form can show it.
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  // The failures the user is asked to confirm before they are recorded.
  const [confirming, setConfirming] = useState<string[]>();
  const confirmButton = useRef<HTMLButtonElement>(null);
  // Without a field to start in, or when asked to confirm, the focus goes
  // to the button that takes the action.
  useEffect(() => {
    if (confirming || !fields.length) confirmButton.current?.focus();
  }, [confirming, fields.length]);

  // An emergency's approval in a freeze: the override it lets through.
  const override = useApprovalOverride(change, action);

  const known = new Set(fields.map(f => f.name));
  const place = (found: InputIssue[]) =>
    setIssues(placeIssues(found, path => (known.has(path) ? path : undefined)));
  /** zod's messages, except "choose one" for a question left unanswered. */
  const inPlainWords = (found: InputIssue[]) =>
    found.map(issue => {
      const field = fields.find(f => f.name === issue.path);
      const choices = field && choicesOf(field);
      return choices && values[issue.path] === undefined
        ? {
            ...issue,
            message: `Choose ${choices
              .map(c => c.label)
              .join(', ')
              .replace(/, ([^,]*)$/, ' or $1')}`,
          }
        : issue;
    });

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
      // zod's issues name the fields, like the server's would.
      const zodIssues = (error as { issues?: unknown }).issues;
      if (Array.isArray(zodIssues)) {
        place(inPlainWords(toInputIssues(zodIssues)));
      } else {
        place([{ path: '', message: describeFailure(error).message }]);
      }
      return;
    }
    place([]);
    setFailure(undefined);
    const failed = failedAnswers(request);
    if (failed.length && !confirming) {
      setConfirming(failed);
      return;
    }
    setBusy(true);
    try {
      await api.act(change.id, request);
    } catch (error) {
      setBusy(false);
      const refusal = refusalOf(error);
      if (refusal?.name === 'StaleVersionError') {
        onStale();
      } else if (refusal?.name === 'InputError') {
        setConfirming(undefined);
        place(refusal.issues);
      } else {
        setFailure(error);
      }
      return;
    }
    onActed();
  };

  const intro = introduction(action, change);
  const confirmLabel = confirming ? 'Record the failure' : label;

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
          {failure !== undefined && (
            <RefusalAlert
              error={failure}
              onReload={onStale}
              onRaiseEmergency={onRaiseEmergency}
            />
          )}
          {issues.general.map(message => (
            <Alert key={message} severity="error" style={{ marginBottom: 16 }}>
              {message}
            </Alert>
          ))}
          {confirming ? (
            <Alert severity="warning">
              <AlertTitle>{`Failed: ${confirming.join(', ')}`}</AlertTitle>
              {consequence(action, change)}
            </Alert>
          ) : (
            <>
              {override && (
                <Alert severity="warning" style={{ marginBottom: 16 }}>
                  <AlertTitle>{EXCEPTION_LABELS['freeze-override']}</AlertTitle>
                  {`Production is ${describeClosure(
                    override,
                    formatTime,
                  )}. Once you approve, this emergency may deploy through it on your approval, and its deploy is recorded as a freeze override.`}
                </Alert>
              )}
              <PullRequestAlert change={change} action={action} />
              {intro && <DialogContentText>{intro}</DialogContentText>}
              <ActionFormFields
                idPrefix={idPrefix}
                fields={fields}
                values={values}
                errors={issues.fields}
                disabled={busy}
                onChange={(name, value) =>
                  setValues(v => ({ ...v, [name]: value }))
                }
              />
            </>
          )}
        </DialogContent>
        <DialogActions>
          {confirming ? (
            <Button onClick={() => setConfirming(undefined)} disabled={busy}>
              Go back
            </Button>
          ) : (
            <Button onClick={onClose} disabled={busy}>
              Close
            </Button>
          )}
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={busy}
            ref={confirmButton}
          >
            {confirmLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
};
