import { z } from 'zod';
import { CHANGE_TYPES } from './types';

const text = (label: string, max: number) =>
  z
    .string({
      required_error: `${label} is required`,
      invalid_type_error: `${label} must be text`,
    })
    .max(max, `${label} must be at most ${max} characters`);

/** @public */
export const changeTypeSchema = z.enum(CHANGE_TYPES, {
  errorMap: () => ({
    message: `Type must be one of ${CHANGE_TYPES.join(', ')}`,
  }),
});

const httpUrl = z
  .string()
  .url('Pull request URL must be a URL')
  .refine(
    url => /^https?:\/\//i.test(url),
    'Pull request URL must start with http:// or https://',
  );

/**
 * The editable fields of a change, as the form and `POST /changes` send
 * them. Drafts may be incomplete; `submit` checks completeness.
 *
 * @public
 */
export const changeDraftSchema = z
  .object({
    type: changeTypeSchema,
    title: text('Title', 200).trim().min(1, 'Title is required'),
    description: text('Description', 20000).default(''),
    risks: text('Risks', 20000).default(''),
    testingNotes: text('Testing notes', 20000).default(''),
    pullRequestUrl: httpUrl.optional(),
    incident: z
      .object({
        ref: text('Incident reference', 200).trim().min(1),
        severity: z.enum(['P1', 'P2'], {
          errorMap: () => ({ message: 'Incident severity must be P1 or P2' }),
        }),
      })
      .optional(),
    proposedFix: text('Proposed fix', 20000).optional(),
    affectedEntityRefs: z
      .array(text('Entity ref', 255), {
        required_error: 'Affected entities are required',
      })
      .max(50, 'At most 50 affected entities'),
  })
  .strict();

/** @public */
export type ChangeDraftInput = z.input<typeof changeDraftSchema>;

/**
 * `PATCH /changes/:id`: the whole draft again, with the version the client
 * last saw.
 *
 * @public
 */
export const changeEditSchema = changeDraftSchema.extend({
  version: z
    .number({
      required_error: 'version is required: send the version you last saw',
    })
    .int('version must be a whole number')
    .min(1, 'version must be a whole number'),
});
