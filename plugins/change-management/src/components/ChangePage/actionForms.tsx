import Checkbox from '@material-ui/core/Checkbox';
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
  | { kind: 'checkbox'; name: string; label: string }
  | {
      kind: 'radio';
      name: string;
      label: string;
      options: { value: string; label: string }[];
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
    {
      kind: 'checkbox',
      name: 'functionalTested',
      label: 'Functional testing passed',
    },
    {
      kind: 'checkbox',
      name: 'regressionChecked',
      label: 'Regression checks passed',
    },
    {
      kind: 'checkbox',
      name: 'noUnexpectedSideEffects',
      label: 'No unexpected side effects',
    },
    {
      kind: 'radio',
      name: 'stagingTested',
      label: 'Staging tested',
      options: [...yesNo, { value: 'n/a', label: 'N/A' }],
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

export type FormValues = Record<string, string | boolean | undefined>;

export function initialValues(fields: FieldSpec[]): FormValues {
  return Object.fromEntries(
    fields.map(f => [f.name, f.kind === 'checkbox' ? false : undefined]),
  );
}

/** The action's fields as the API takes them; validation is left to zod. */
export function toRequestFields(
  fields: FieldSpec[],
  values: FormValues,
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const field of fields) {
    const value = values[field.name];
    if (field.kind === 'checkbox') {
      result[field.name] = value === true;
    } else if (field.kind === 'radio') {
      if (value !== undefined) result[field.name] = value;
    } else if (!field.optional || (typeof value === 'string' && value.trim())) {
      result[field.name] = value ?? '';
    }
  }
  return result;
}

export type ActionFormFieldsProps = {
  /** Makes the ids of the inputs unique on the page. */
  idPrefix: string;
  fields: FieldSpec[];
  values: FormValues;
  /** Validation messages by field name. */
  errors: Record<string, string>;
  disabled?: boolean;
  onChange: (name: string, value: string | boolean) => void;
};

/** The labelled inputs of one action's form. */
export const ActionFormFields = (props: ActionFormFieldsProps) => {
  const { idPrefix, fields, values, errors, disabled, onChange } = props;
  return (
    <>
      {fields.map(field => {
        const id = `${idPrefix}-${field.name}`;
        const error = errors[field.name];
        if (field.kind === 'checkbox') {
          return (
            <FormControl key={field.name} error={!!error} fullWidth>
              <FormControlLabel
                label={field.label}
                control={
                  <Checkbox
                    id={id}
                    color="primary"
                    checked={values[field.name] === true}
                    disabled={disabled}
                    onChange={e => onChange(field.name, e.target.checked)}
                  />
                }
              />
              {error && <FormHelperText>{error}</FormHelperText>}
            </FormControl>
          );
        }
        if (field.kind === 'radio') {
          return (
            <FormControl
              key={field.name}
              component="fieldset"
              error={!!error}
              margin="normal"
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
                {field.options.map(option => (
                  <FormControlLabel
                    key={option.value}
                    value={option.value}
                    label={option.label}
                    disabled={disabled}
                    control={<Radio color="primary" />}
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
              error ?? field.hint ?? (required ? 'Required' : 'Optional')
            }
            inputProps={{ 'aria-required': required }}
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
