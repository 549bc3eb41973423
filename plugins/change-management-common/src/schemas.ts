import { z } from 'zod';
import { changeTypeSchema, incidentSchema } from './types';
import { plannedTime, storable, text } from './fields';
import { DRAFT_FIELD_LABELS as LABEL } from './labels';

const httpUrl = storable(LABEL.pullRequestUrl, 2000)
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
    title: text(LABEL.title, 200).trim().min(1, `${LABEL.title} is required`),
    description: text(LABEL.description)
      .default('')
      .describe('What is being changed and why.'),
    risks: text(LABEL.risks)
      .default('')
      .describe('Risks and potential side effects.'),
    testingNotes: text(LABEL.testingNotes)
      .default('')
      .describe('How the change was tested locally.'),
    pullRequestUrl: httpUrl
      .optional()
      .describe('Required to submit a standard change.'),
    incident: incidentSchema
      .optional()
      .describe('Required to submit an emergency.'),
    proposedFix: text(LABEL.proposedFix)
      .optional()
      .describe('Required to submit an emergency.'),
    // Issue 21, metrics: the change whose failure caused an emergency's
    // incident. The server checks it (workflow/causedBy.ts).
    causedBy: z
      .string({ invalid_type_error: `${LABEL.causedBy} must be a change id` })
      .uuid(`${LABEL.causedBy} must be a change id`)
      .optional()
      .describe(
        'Emergency only: the id of the change whose failure caused the incident; it must have been raised before the emergency.',
      ),
    affectedEntityRefs: z
      .array(text('Entity ref', 255), {
        required_error: 'Affected entities are required',
      })
      .max(50, 'At most 50 affected entities')
      .describe(
        'Entity refs that must exist in the catalog and be visible to the caller.',
      ),
    // The planned window (issue 21): both or neither, the end after the
    // start (plannedWindowIssues judges the pair).
    plannedStart: plannedTime(LABEL.plannedStart)
      .optional()
      .describe(
        'When the change is planned to start, inclusive; sent with plannedEnd.',
      ),
    plannedEnd: plannedTime(LABEL.plannedEnd)
      .optional()
      .describe(
        'When the change is planned to end, exclusive; after plannedStart.',
      ),
  })
  .strict()
  .describe(
    'The editable fields of a change. A draft may be incomplete; `submit` checks completeness. The author is always the caller.',
  );

/** @public */
export type ChangeDraftInput = z.input<typeof changeDraftSchema>;

/** The version of a change the client last saw. @public */
export const versionSchema = z
  .number({
    required_error: 'version is required: send the version you last saw',
    invalid_type_error: 'version must be a whole number',
  })
  .int('version must be a whole number')
  .min(1, 'version must be a whole number')
  .describe(
    'The version of the change the client last saw; a stale one is refused with 409.',
  );

/**
 * `PATCH /changes/:id`: the whole draft again, with the version the client
 * last saw. A field left out is cleared. The type may be sent but never
 * changes (the workflow refuses another one).
 *
 * @public
 */
export const changeEditSchema = changeDraftSchema
  .extend({
    type: changeTypeSchema
      .optional()
      .describe('May be sent, but must stay the type of the change.'),
    version: versionSchema,
  })
  .describe('The whole draft again, with the version the client last saw.');

/** @public */
export type ChangeEditInput = z.input<typeof changeEditSchema>;
