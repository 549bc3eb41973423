import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormHelperText from '@material-ui/core/FormHelperText';
import FormLabel from '@material-ui/core/FormLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import TextField from '@material-ui/core/TextField';
import {
  ACTION_FIELDS,
  ActionField,
  ActionFieldForm,
  ANSWER_LABELS,
  CHANGE_ACTIONS,
  ChangeAction,
} from '@trove/backstage-plugin-change-management-common';

/** One input of an action's form: the field's name and how it is asked. */
export type FieldSpec = ActionFieldForm & { name: string };

/**
 * How each action is taken: `'draft-form'` opens the draft's own form
 * (editing sends the whole draft again); otherwise a dialog asks for the
 * fields `ACTION_FIELDS` defines, in its order, but those only an API
 * client sends.
 */
export type ActionForm = 'draft-form' | FieldSpec[];

export const ACTION_FORMS = Object.fromEntries(
  CHANGE_ACTIONS.map(action => [
    action,
    action === 'edit'
      ? 'draft-form'
      : Object.entries(
          ACTION_FIELDS[action] as Record<string, ActionField>,
        ).flatMap(([name, { form }]) => (form ? [{ name, ...form }] : [])),
  ]),
) as Record<ChangeAction, ActionForm>;

const CHECK_OPTIONS = [
  { value: 'passed', label: 'Passed' },
  { value: 'failed', label: 'Failed' },
];

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
    } else if (field.kind === 'choice') {
      if (value !== undefined) result[field.name] = value;
    } else if (
      field.presence !== 'optional' ||
      (typeof value === 'string' && value.trim())
    ) {
      result[field.name] = value ?? '';
    }
  }
  return result;
}

/** The choices of a field that is answered by picking one. */
export function choicesOf(field: FieldSpec) {
  if (field.kind === 'check') return CHECK_OPTIONS;
  return field.kind === 'choice'
    ? field.options.map(value => ({
        value,
        label: ANSWER_LABELS[value as keyof typeof ANSWER_LABELS] ?? value,
      }))
    : undefined;
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
        const required = field.presence === 'required';
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
