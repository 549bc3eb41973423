import { z } from 'zod';
import { flag, optionalText, requiredText, text } from './fields';

// The fields an action records, each written once: its schema, which the
// server validates and the contract documents, and how the portal asks for
// it. The label names the field in the form and in the schema's messages.

/**
 * How the portal asks for one field of an action.
 *
 * @public
 */
export type ActionFieldForm =
  | {
      kind: 'text';
      label: string;
      /**
       * `optional`: left out of the request when blank. `may-be-empty`: sent
       * even when blank, the empty string meaning "none".
       */
      presence: 'required' | 'optional' | 'may-be-empty';
      singleLine?: boolean;
      /** Help under the input. */
      hint?: string;
    }
  | {
      /** A check that passed (`true`) or failed (`false`), never assumed. */
      kind: 'check';
      label: string;
    }
  | {
      /** One of the schema's values, picked. */
      kind: 'choice';
      label: string;
      options: readonly string[];
      /** The answer that records a failure. */
      failsOn?: string;
    };

/**
 * One field of an action: its schema and, unless only an API client sends
 * it, its form.
 *
 * @public
 */
export interface ActionField<S extends z.ZodTypeAny = z.ZodTypeAny> {
  schema: S;
  form?: ActionFieldForm;
}

type TextOptions = {
  max?: number;
  singleLine?: boolean;
  hint?: string;
  /** What the contract says of it. */
  description?: string;
};

const described = <S extends z.ZodTypeAny>(schema: S, description?: string) =>
  description ? schema.describe(description) : schema;

const textForm = (
  label: string,
  presence: 'required' | 'optional' | 'may-be-empty',
  { singleLine, hint }: TextOptions,
): ActionFieldForm => ({ kind: 'text', label, presence, singleLine, hint });

/** The builders of `ACTION_FIELDS`, one per way of answering. */
export const ask = {
  /** Text that must not be blank. */
  required: (label: string, options: TextOptions = {}) => ({
    schema: described(requiredText(label, options.max), options.description),
    form: textForm(label, 'required', options),
  }),
  /** Text that may be left out. */
  optional: (label: string, options: TextOptions = {}) => ({
    schema: described(optionalText(label, options.max), options.description),
    form: textForm(label, 'optional', options),
  }),
  /** Text always sent; blank means none. */
  mayBeEmpty: (label: string, options: TextOptions = {}) => ({
    schema: described(text(label, options.max), options.description),
    form: textForm(label, 'may-be-empty', options),
  }),
  /** A check: passed or failed, sent as `true` or `false`; failed fails. */
  check: (label: string) => ({
    schema: flag(label),
    form: { kind: 'check', label } as const,
  }),
  /** 'yes' or 'no'. */
  yesNo: (label: string, options: { failsOn?: 'yes' | 'no' } = {}) =>
    ask.choice(
      label,
      z.enum(['yes', 'no'], {
        errorMap: () => ({ message: `${label} must be 'yes' or 'no'` }),
      }),
      options,
    ),
  /** One value of an enum the contract already names. */
  choice: <T extends [string, ...string[]]>(
    label: string,
    schema: z.ZodEnum<T>,
    options: { failsOn?: T[number] } = {},
  ) => ({
    schema,
    form: {
      kind: 'choice',
      label,
      options: schema.options,
      failsOn: options.failsOn,
    } as const,
  }),
  /** A field only an API client sends (a pipeline, say); no form asks it. */
  notAsked: <S extends z.ZodTypeAny>(schema: S): ActionField<S> => ({
    schema,
  }),
};

/** The zod object of an action's fields. */
export type FieldsSchema<F extends Record<string, ActionField>> = z.ZodObject<
  { [K in keyof F]: F[K]['schema'] },
  'strip'
>;

/** The schema of an action's fields, from its table entry. */
export function fieldsSchema<F extends Record<string, ActionField>>(
  fields: F,
): FieldsSchema<F> {
  return z.object(
    Object.fromEntries(
      Object.entries(fields).map(([name, field]) => [name, field.schema]),
    ) as { [K in keyof F]: F[K]['schema'] },
  );
}

/** The labels of the answers that record a failure (see `failedAnswers`). */
export function failedLabels(
  fields: Record<string, ActionField>,
  values: Record<string, unknown>,
): string[] {
  return Object.entries(fields).flatMap(([name, { form }]) => {
    const value = values[name];
    if (form?.kind === 'check' && value === false) return [form.label];
    if (form?.kind === 'choice' && form.failsOn !== undefined) {
      return value === form.failsOn ? [form.label] : [];
    }
    return [];
  });
}
