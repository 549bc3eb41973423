import { useEffect, useRef, useState } from 'react';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import {
  ChangeType,
  ChangeView,
  PullRequestWarning,
  refusalOf,
  RETROSPECTIVE_DUE_WORDS,
} from '@trove/backstage-plugin-change-management-common';
import { useNavigate } from 'react-router-dom';
import { changeManagementApiRef } from '../../api';
import { changeRouteRef } from '../../routes';
import { describeFailure } from '../errors';
import { PlacedIssues } from '../issues';
import {
  emergencyFrom,
  Form,
  FORM_ORDER,
  initialForm,
  placeForForm,
  requiredInputs,
  restoreForm,
  storageKey,
  toInput,
} from './draftForm';
import { DiscardDialog } from './DiscardDialog';
import { DraftRisk } from './DraftRisk';
import { EntityPicker } from './EntityPicker';
import { ErrorSummary } from './ErrorSummary';
import { PlannedWindowFields } from './PlannedWindowFields';
import { useDraftIssues } from './useDraftIssues';

/** Whatever an input's ref is (an input, or MUI's select), it takes focus. */
type Focusable = { focus: () => void } | null;

/**
 * Raises a change from an entity page, the portal or a change the freeze
 * holds back: the type decides which fields are asked, and the change is
 * saved as a draft or submitted for review straight away. Given a draft,
 * it edits it. Each input is checked as it is left and as it changes, by
 * the workflow's own submit check; a refused Submit lists every issue
 * above the form and takes the focus to the first input at fault.
 */
/** What the dialog hands the change page it opens after a save. */
export type ArrivalState = {
  /** The page's heading takes the focus. */
  focusHeading?: boolean;
  /** The server's warnings on the linked pull request, shown on arrival. */
  pullRequestWarnings?: PullRequestWarning[];
};

export const RaiseChangeDialog = (props: {
  open: boolean;
  onClose: () => void;
  /** The entity the change is raised from; it starts as affected. */
  entityRef?: string;
  /** A draft to edit instead of raising a new change. */
  change?: ChangeView;
  /** A change to raise an emergency from: its record fills the form. */
  from?: ChangeView;
  /**
   * Called after saving, with the server's warnings on the linked pull
   * request (a repository none of the affected entities names); by default
   * the dialog opens the change's page, which shows them.
   */
  onSaved?: (change: ChangeView, warnings: PullRequestWarning[]) => void;
}) => {
  const api = useApi(changeManagementApiRef);
  const changeLink = useRouteRef(changeRouteRef);
  const navigate = useNavigate();
  const editing = props.change;
  const blank = () =>
    props.from
      ? emergencyFrom(props.from)
      : initialForm(props.entityRef, props.change);
  // What the user typed is kept for the tab until it is saved or discarded.
  const kept = storageKey(props.entityRef, props.change, props.from);
  const [form, setForm] = useState<Form>(() => restoreForm(kept) ?? blank());
  const dirty = JSON.stringify(form) !== JSON.stringify(blank());
  useEffect(() => {
    if (dirty) window.sessionStorage.setItem(kept, JSON.stringify(form));
  }, [kept, form, dirty]);
  const forget = () => window.sessionStorage.removeItem(kept);
  const [askDiscard, setAskDiscard] = useState(false);
  const close = () => (dirty ? setAskDiscard(true) : props.onClose());
  // The draft as last saved. When a submit is refused after the save, trying
  // again edits this draft, not a second new change nor a version gone by.
  const [saved, setSaved] = useState(props.change);
  const issues = useDraftIssues(form);
  const [busy, setBusy] = useState(false);
  const inputs = useRef<Partial<Record<keyof Form, Focusable>>>({});
  const summary = useRef<HTMLDivElement>(null);

  /** The focus goes to the first input at fault, or to the summary. */
  const goToFirst = (found: PlacedIssues) => {
    const first = FORM_ORDER.find(input => found.fields[input]);
    const target = first && inputs.current[first];
    if (target) target.focus();
    else setTimeout(() => summary.current?.focus());
  };

  const set =
    <K extends keyof Form>(key: K) =>
    (value: Form[K]) => {
      issues.change(key);
      setForm(f => ({ ...f, [key]: value }));
    };
  const required = requiredInputs(form.type);
  const fieldProps = (input: keyof Form) => ({
    id: `raise-change-${input}`,
    inputRef: (element: Focusable) => {
      inputs.current[input] = element;
    },
    onBlur: () => issues.leave(input),
    error: !!issues.errorOf(input),
    helperText: issues.errorOf(input),
    required: required.has(input),
    fullWidth: true,
    margin: 'normal' as const,
  });
  const text = (input: keyof Form, label: string, extra: object = {}) => (
    <TextField
      {...fieldProps(input)}
      label={label}
      value={form[input]}
      onChange={e => set(input)(e.target.value as never)}
      {...extra}
    />
  );

  const save = async (submit: boolean) => {
    const found = issues.attempt(submit);
    if (Object.keys(found.fields).length || found.general.length) {
      goToFirst(found);
      return;
    }
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
      const pullRequestWarnings = draft.pullRequestWarnings ?? [];
      if (props.onSaved) {
        props.onSaved(change, pullRequestWarnings);
      } else {
        // The new page takes the focus on its heading and shows the
        // warnings (ChangePage).
        const state: ArrivalState = { focusHeading: true, pullRequestWarnings };
        navigate(changeLink({ id: change.id }), { state });
      }
    } catch (error) {
      const refusal = refusalOf(error);
      const refused =
        refusal?.name === 'InputError'
          ? placeForForm(refusal.issues, form.type)
          : { fields: {}, general: [describeFailure(error).message] };
      issues.refused(refused);
      goToFirst(refused);
    } finally {
      setBusy(false);
    }
  };

  const emergency = form.type === 'emergency';
  // An emergency raised from another change is raised with the same form:
  // its Type field says it is an emergency.
  const title = editing ? 'Edit draft' : 'Raise a change';
  return (
    <Dialog
      open={props.open}
      onClose={busy ? undefined : close}
      fullWidth
      maxWidth="md"
      aria-labelledby="raise-change-dialog-title"
    >
      <DialogTitle id="raise-change-dialog-title">{title}</DialogTitle>
      <DialogContent>
        {issues.tried && (
          <ErrorSummary
            ref={summary}
            invalid={issues.invalid}
            general={issues.general}
            onGoTo={input => inputs.current[input]?.focus()}
          />
        )}
        <TextField
          {...fieldProps('type')}
          // The dialog puts the focus in its first field.
          // eslint-disable-next-line jsx-a11y/no-autofocus
          autoFocus
          select
          label="Type"
          value={form.type}
          disabled={!!saved}
          onChange={e => set('type')(e.target.value as ChangeType)}
          helperText={
            issues.errorOf('type') ??
            (emergency
              ? `A hotfix for a P1/P2 incident: the CTO authorises a direct production deploy; the retrospective is due ${RETROSPECTIVE_DUE_WORDS} after it.`
              : 'Reviewed by another engineer, approved by the CTO, tested in staging, signed off for production.')
          }
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
          // Required or not as the workflow's submit check says, per type.
          text(
            'pullRequestUrl',
            required.has('pullRequestUrl')
              ? 'Pull request URL'
              : 'Pull request URL (optional)',
          )}
        {emergency && (
          <>
            {text('incidentRef', 'Incident reference')}
            <TextField
              {...fieldProps('severity')}
              select
              label="Incident severity"
              value={form.severity}
              onChange={e =>
                set('severity')(e.target.value as Form['severity'])
              }
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
          onBlur={() => issues.leave('affectedEntityRefs')}
          inputRef={element => {
            inputs.current.affectedEntityRefs = element;
          }}
          error={issues.errorOf('affectedEntityRefs')}
          required={required.has('affectedEntityRefs')}
        />
        <PlannedWindowFields
          plannedStart={form.plannedStart}
          plannedEnd={form.plannedEnd}
          entityRefs={form.affectedEntityRefs}
          type={form.type}
          excludeId={saved?.id}
          onChange={(input, value) => set(input)(value)}
          fieldProps={fieldProps}
        />
        <DraftRisk
          {...form}
          entityRefs={form.affectedEntityRefs}
          excludeId={saved?.id}
        />
      </DialogContent>
      <DiscardDialog
        open={askDiscard}
        onKeep={() => setAskDiscard(false)}
        onDiscard={() => {
          setAskDiscard(false);
          forget();
          setForm(blank());
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
