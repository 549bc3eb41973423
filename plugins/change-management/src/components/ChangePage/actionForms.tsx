import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormHelperText from '@material-ui/core/FormHelperText';
import FormLabel from '@material-ui/core/FormLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import TextField from '@material-ui/core/TextField';
import { ChangeAction } from '@trove/backstage-plugin-change-management-common';

/** The text of each action's button, and of its dialog's title. */
export const ACTION_LABELS: Record<ChangeAction, string> = {
  edit: 'Edit draft',
  submit: 'Submit',
  review: 'Review',
  'request-changes': 'Request changes',
  'waive-review': 'Waive review',
  approve: 'Approve',
  reject: 'Reject',
  'record-staging': 'Record staging',
  'sign-off': 'Sign off',
  deploy: 'Deploy',
  verify: 'Verify',
  'roll-back': 'Roll back',
  'document-retrospective': 'Document retrospective',
  'complete-review': 'Complete review',
  cancel: 'Cancel change',
};

export type FieldSpec =
  | {
      kind: 'text';
      name: string;
      label: string;
      /** Left out of the request when blank. */
      optional?: boolean;
      /** Sent even when blank: the empty string means "none". */
      mayBeEmpty?: boolean;
      singleLine?: boolean;
      hint?: string;
    }
  | {
      /** A check that passed (`true`) or failed (`false`), never assumed. */
      kind: 'check';
      name: string;
      label: string;
    }
  | {
      kind: 'radio';
      name: string;
      label: string;
      options: { value: string; label: string }[];
      /** The answer that records a failure, to be confirmed. */
      failsOn?: string;
    };

const comment = (optional: boolean): FieldSpec => ({
  kind: 'text',
  name: 'comment',
  label: 'Comment',
  optional,
});
const reason: FieldSpec = { kind: 'text', name: 'reason', label: 'Reason' };
const yesNo = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];
const CHECK_OPTIONS = [
  { value: 'passed', label: 'Passed' },
  { value: 'failed', label: 'Failed' },
];

/**
 * How each action is taken: `'draft-form'` opens the draft's own form
 * (editing sends the whole draft again); otherwise a dialog asks for these
 * inputs, exactly what `actionFieldSchemas` accepts.
 */
export type ActionForm = 'draft-form' | FieldSpec[];

export const ACTION_FORMS: Record<ChangeAction, ActionForm> = {
  edit: 'draft-form',
  submit: [],
  review: [comment(true)],
  'request-changes': [comment(false)],
  'waive-review': [reason],
  approve: [comment(true)],
  reject: [comment(false)],
  'record-staging': [
    { kind: 'check', name: 'functionalTested', label: 'Functional testing' },
    { kind: 'check', name: 'regressionChecked', label: 'Regression checks' },
    {
      kind: 'check',
      name: 'noUnexpectedSideEffects',
      label: 'No unexpected side effects',
    },
    {
      kind: 'radio',
      name: 'stagingTested',
      label: 'Staging tested',
      options: [...yesNo, { value: 'n/a', label: 'N/A' }],
      failsOn: 'no',
    },
    comment(true),
  ],
  'sign-off': [comment(true)],
  deploy: [
    {
      kind: 'text',
      name: 'deploymentRef',
      label: 'Deployment reference',
      optional: true,
      singleLine: true,
      hint: 'Optional, e.g. the URL of the pipeline run',
    },
    comment(true),
  ],
  verify: [
    {
      kind: 'radio',
      name: 'postDeploymentVerified',
      label: 'Post-deployment verified',
      options: yesNo,
      failsOn: 'no',
    },
    {
      kind: 'text',
      name: 'issuesEncountered',
      label: 'Issues encountered',
      mayBeEmpty: true,
      hint: 'Leave empty if there were none',
    },
  ],
  'roll-back': [reason],
  'document-retrospective': [
    { kind: 'text', name: 'whatChanged', label: 'What changed' },
    { kind: 'text', name: 'why', label: 'Why' },
    { kind: 'text', name: 'approvalReceived', label: 'Approval received' },
  ],
  'complete-review': [
    {
      kind: 'radio',
      name: 'preventable',
      label: 'Could it have been prevented?',
      options: yesNo,
    },
    { kind: 'text', name: 'notes', label: 'Notes' },
  ],
  cancel: [reason],
};

export type FormValues = Record<string, string | undefined>;

/** Nothing is answered until the user answers it. */
export function initialValues(fields: FieldSpec[]): FormValues {
  return Object.fromEntries(fields.map(f => [f.name, undefined]));
}

/** The action's fields as the API takes them; validation is left to zod. */
export function toRequestFields(
  fields: FieldSpec[],
  values: FormValues,
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const field of fields) {
    const value = values[field.name];
    if (field.kind === 'check') {
      if (value !== undefined) result[field.name] = value === 'passed';
    } else if (field.kind === 'radio') {
      if (value !== undefined) result[field.name] = value;
    } else if (!field.optional || (typeof value === 'string' && value.trim())) {
      result[field.name] = value ?? '';
    }
  }
  return result;
}

/** The choices of a field that is answered by picking one. */
export function choicesOf(field: FieldSpec) {
  if (field.kind === 'check') return CHECK_OPTIONS;
  return field.kind === 'radio' ? field.options : undefined;
}

/**
 * What the answers record as failed: a staging check that failed or staging
 * tested "No", a post-deployment verification of "No". Empty when nothing
 * failed.
 */
export function failedAnswers(
  fields: FieldSpec[],
  values: FormValues,
): string[] {
  return fields
    .filter(f => {
      const value = values[f.name];
      if (f.kind === 'check') return value === 'failed';
      return f.kind === 'radio' && !!f.failsOn && value === f.failsOn;
    })
    .map(f => f.label);
}

export type ActionFormFieldsProps = {
  /** Makes the ids of the inputs unique on the page. */
  idPrefix: string;
  fields: FieldSpec[];
  values: FormValues;
  /** Validation messages by field name. */
  errors: Record<string, string>;
  disabled?: boolean;
  onChange: (name: string, value: string) => void;
};

/** The labelled inputs of one action's form; the first one takes the focus. */
export const ActionFormFields = (props: ActionFormFieldsProps) => {
  const { idPrefix, fields, values, errors, disabled, onChange } = props;
  return (
    <>
      {fields.map((field, index) => {
        const id = `${idPrefix}-${field.name}`;
        const error = errors[field.name];
        const first = index === 0;
        if (field.kind !== 'text') {
          const choices = choicesOf(field) ?? [];
          return (
            <FormControl
              key={field.name}
              component="fieldset"
              error={!!error}
              margin="dense"
              required
              fullWidth
            >
              <FormLabel component="legend" id={`${id}-label`}>
                {field.label}
              </FormLabel>
              <RadioGroup
                row
                name={id}
                aria-labelledby={`${id}-label`}
                value={values[field.name] ?? ''}
                onChange={e => onChange(field.name, e.target.value)}
              >
                {choices.map((option, i) => (
                  <FormControlLabel
                    key={option.value}
                    value={option.value}
                    label={option.label}
                    disabled={disabled}
                    control={
                      // A dialog puts the focus in its first field (the
                      // WAI-ARIA dialog pattern), so typing never goes astray.
                      // eslint-disable-next-line jsx-a11y/no-autofocus
                      <Radio color="primary" autoFocus={first && i === 0} />
                    }
                  />
                ))}
              </RadioGroup>
              {error && <FormHelperText>{error}</FormHelperText>}
            </FormControl>
          );
        }
        const required = !field.optional && !field.mayBeEmpty;
        return (
          <TextField
            key={field.name}
            id={id}
            label={field.label}
            value={values[field.name] ?? ''}
            onChange={e => onChange(field.name, e.target.value)}
            error={!!error}
            helperText={
              error ?? field.hint ?? (required ? undefined : 'Optional')
            }
            required={required}
            // eslint-disable-next-line jsx-a11y/no-autofocus
            autoFocus={first}
            disabled={disabled}
            margin="normal"
            variant="outlined"
            multiline={!field.singleLine}
            minRows={field.singleLine ? undefined : 2}
            fullWidth
          />
        );
      })}
    </>
  );
};
