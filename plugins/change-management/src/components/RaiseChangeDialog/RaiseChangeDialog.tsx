import { useEffect, useState } from 'react';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import {
  ChangeType,
  ChangeView,
  refusalOf,
  RETROSPECTIVE_DUE_WORDS,
} from '@trove/backstage-plugin-change-management-common';
import { useNavigate } from 'react-router-dom';
import { changeManagementApiRef } from '../../api';
import { changeRouteRef } from '../../routes';
import { describeFailure } from '../errors';
import { PlacedIssues } from '../issues';
import {
  Form,
  initialForm,
  NO_ISSUES,
  placeForForm,
  requiredInputs,
  restoreForm,
  storageKey,
  toInput,
  validate,
} from './draftForm';
import { DiscardDialog } from './DiscardDialog';
import { EntityPicker } from './EntityPicker';

/**
 * Raises a change from an entity page: the entity is already affected,
 * the type decides which fields are asked, and the change is saved as a
 * draft or submitted for review straight away. Given a draft, it edits it.
 */
export const RaiseChangeDialog = (props: {
  open: boolean;
  onClose: () => void;
  /** The entity the change is raised from; it starts as affected. */
  entityRef?: string;
  /** A draft to edit instead of raising a new change. */
  change?: ChangeView;
  /** Called after saving; by default the dialog opens the change's page. */
  onSaved?: (change: ChangeView) => void;
}) => {
  const api = useApi(changeManagementApiRef);
  const changeLink = useRouteRef(changeRouteRef);
  const navigate = useNavigate();
  const editing = props.change;
  // What the user typed is kept for the tab until it is saved or discarded.
  const kept = storageKey(props.entityRef, props.change);
  const [form, setForm] = useState<Form>(
    () => restoreForm(kept) ?? initialForm(props.entityRef, props.change),
  );
  const dirty =
    JSON.stringify(form) !==
    JSON.stringify(initialForm(props.entityRef, props.change));
  useEffect(() => {
    if (dirty) window.sessionStorage.setItem(kept, JSON.stringify(form));
  }, [kept, form, dirty]);
  const forget = () => window.sessionStorage.removeItem(kept);
  const [askDiscard, setAskDiscard] = useState(false);
  const close = () => (dirty ? setAskDiscard(true) : props.onClose());
  // The draft as last saved. When a submit is refused after the save, trying
  // again edits this draft, not a second new change nor a version gone by.
  const [saved, setSaved] = useState(props.change);
  const [issues, setIssues] = useState<PlacedIssues>(NO_ISSUES);
  const errors: Partial<Record<keyof Form, string>> = issues.fields;
  const [busy, setBusy] = useState(false);

  const set =
    <K extends keyof Form>(key: K) =>
    (value: Form[K]) =>
      setForm(f => ({ ...f, [key]: value }));
  const required = requiredInputs(form.type);
  const text = (input: keyof Form, label: string, extra: object = {}) => (
    <TextField
      id={`raise-change-${input}`}
      label={label}
      value={form[input]}
      onChange={e => set(input)(e.target.value as never)}
      error={!!errors[input]}
      helperText={errors[input]}
      required={required.has(input)}
      fullWidth
      margin="normal"
      {...extra}
    />
  );

  const save = async (submit: boolean) => {
    const found = validate(form, submit);
    setIssues(found);
    if (Object.keys(found.fields).length || found.general.length) return;
    setBusy(true);
    try {
      const draft = saved
        ? await api.editChange(saved.id, {
            ...toInput(form),
            version: saved.version,
          })
        : await api.createChange(toInput(form));
      setSaved(draft);
      forget();
      const change = submit
        ? await api.act(draft.id, { action: 'submit', version: draft.version })
        : draft;
      if (props.onSaved) {
        props.onSaved(change);
      } else {
        navigate(changeLink({ id: change.id }));
      }
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal?.name === 'InputError') {
        setIssues(placeForForm(refusal.issues, form.type));
      } else {
        setIssues({ fields: {}, general: [describeFailure(error).message] });
      }
    } finally {
      setBusy(false);
    }
  };

  const emergency = form.type === 'emergency';
  return (
    <Dialog
      open={props.open}
      onClose={busy ? undefined : close}
      fullWidth
      maxWidth="md"
      aria-labelledby="raise-change-dialog-title"
    >
      <DialogTitle id="raise-change-dialog-title">
        {editing ? 'Edit draft' : 'Raise a change'}
      </DialogTitle>
      <DialogContent>
        {issues.general.map(message => (
          <Alert key={message} severity="error">
            {message}
          </Alert>
        ))}
        <TextField
          id="raise-change-type"
          // The dialog puts the focus in its first field.
          // eslint-disable-next-line jsx-a11y/no-autofocus
          autoFocus
          select
          label="Type"
          value={form.type}
          disabled={!!saved}
          onChange={e => set('type')(e.target.value as ChangeType)}
          error={!!errors.type}
          helperText={
            errors.type ??
            (emergency
              ? `A hotfix for a P1/P2 incident: the CTO authorises a direct production deploy; the retrospective is due ${RETROSPECTIVE_DUE_WORDS} after it.`
              : 'Reviewed by another engineer, approved by the CTO, tested in staging, signed off for production.')
          }
          fullWidth
          margin="normal"
        >
          <MenuItem value="standard">Standard</MenuItem>
          <MenuItem value="infrastructure">Infrastructure</MenuItem>
          <MenuItem value="emergency">Emergency (hotfix)</MenuItem>
        </TextField>
        {text('title', 'Title')}
        {text('description', 'What is changing and why', {
          multiline: true,
          minRows: 3,
        })}
        {text('risks', 'Risks and potential side effects', {
          multiline: true,
          minRows: 2,
        })}
        {text('testingNotes', 'How it was tested locally', {
          multiline: true,
          minRows: 2,
        })}
        {!emergency &&
          text(
            'pullRequestUrl',
            form.type === 'standard'
              ? 'Pull request URL'
              : 'Pull request URL (optional)',
          )}
        {emergency && (
          <>
            {text('incidentRef', 'Incident reference')}
            <TextField
              id="raise-change-severity"
              required={required.has('severity')}
              select
              label="Incident severity"
              value={form.severity}
              onChange={e =>
                set('severity')(e.target.value as Form['severity'])
              }
              error={!!errors.severity}
              helperText={errors.severity}
              fullWidth
              margin="normal"
            >
              <MenuItem value="P1">P1</MenuItem>
              <MenuItem value="P2">P2</MenuItem>
            </TextField>
            {text('proposedFix', 'Proposed fix', {
              multiline: true,
              minRows: 2,
            })}
          </>
        )}
        <EntityPicker
          value={form.affectedEntityRefs}
          onChange={set('affectedEntityRefs')}
          error={errors.affectedEntityRefs}
          required={required.has('affectedEntityRefs')}
        />
      </DialogContent>
      <DiscardDialog
        open={askDiscard}
        onKeep={() => setAskDiscard(false)}
        onDiscard={() => {
          setAskDiscard(false);
          forget();
          setForm(initialForm(props.entityRef, props.change));
          props.onClose();
        }}
      />
      <DialogActions>
        <Button onClick={close} disabled={busy}>
          Close
        </Button>
        <Button onClick={() => save(false)} disabled={busy}>
          Save draft
        </Button>
        <Button
          onClick={() => save(true)}
          disabled={busy}
          color="primary"
          variant="contained"
        >
          Submit
        </Button>
      </DialogActions>
    </Dialog>
  );
};
