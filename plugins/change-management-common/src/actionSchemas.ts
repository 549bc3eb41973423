import { z } from 'zod';
import { changeDraftSchema, changeTypeSchema } from './schemas';
import { CHANGE_ACTIONS, ChangeAction } from './types';

const required = (label: string, max = 20000) =>
  z
    .string({
      required_error: `${label} is required`,
      invalid_type_error: `${label} must be text`,
    })
    .max(max, `${label} must be at most ${max} characters`)
    .refine(s => s.trim().length > 0, `${label} is required`);

const optional = (label: string, max = 20000) =>
  z
    .string({ invalid_type_error: `${label} must be text` })
    .max(max, `${label} must be at most ${max} characters`)
    .optional();

const flag = (label: string) =>
  z.boolean({
    required_error: `${label} is required (true or false)`,
    invalid_type_error: `${label} must be true or false`,
  });

const yesNo = (label: string) =>
  z.enum(['yes', 'no'], {
    errorMap: () => ({ message: `${label} must be 'yes' or 'no'` }),
  });

/** The fields each action records, beside `action` and `version`. */
export const actionFieldSchemas = {
  // The whole draft again; the type may be sent but never changes.
  edit: changeDraftSchema
    .omit({ type: true })
    .extend({ type: changeTypeSchema.optional() }),
  submit: z.object({}),
  review: z.object({ comment: optional('Comment') }),
  'request-changes': z.object({ comment: required('Comment') }),
  'waive-review': z.object({ reason: required('Reason') }),
  approve: z.object({ comment: optional('Comment') }),
  reject: z.object({ comment: required('Comment') }),
  'record-staging': z.object({
    functionalTested: flag('Functional tested'),
    regressionChecked: flag('Regression checked'),
    noUnexpectedSideEffects: flag('No unexpected side effects'),
    stagingTested: z.enum(['yes', 'no', 'n/a'], {
      errorMap: () => ({
        message: "Staging tested must be 'yes', 'no' or 'n/a'",
      }),
    }),
    comment: optional('Comment'),
  }),
  'sign-off': z.object({ comment: optional('Comment') }),
  deploy: z.object({
    deploymentRef: optional('Deployment reference', 2000),
    comment: optional('Comment'),
  }),
  verify: z.object({
    postDeploymentVerified: yesNo('Post-deployment verified'),
    issuesEncountered: z
      .string({
        required_error:
          'Issues encountered is required (send an empty string for none)',
        invalid_type_error: 'Issues encountered must be text',
      })
      .max(20000),
  }),
  'roll-back': z.object({ reason: required('Reason') }),
  'document-retrospective': z.object({
    whatChanged: required('What changed'),
    why: required('Why'),
    approvalReceived: required('Approval received'),
  }),
  'complete-review': z.object({
    preventable: yesNo('Preventable'),
    notes: required('Notes'),
  }),
  cancel: z.object({ reason: required('Reason') }),
} satisfies Record<ChangeAction, z.AnyZodObject>;

/** @public */
export type ActionFields<A extends ChangeAction> = z.infer<
  (typeof actionFieldSchemas)[A]
>;

/** A parsed action request. @public */
export type ActionRequest = {
  [A in ChangeAction]: { action: A; version: number } & ActionFields<A>;
}[ChangeAction];

const envelope = z.object({
  action: z.enum(CHANGE_ACTIONS, {
    errorMap: () => ({
      message: `Unknown action; use one of ${CHANGE_ACTIONS.join(', ')}`,
    }),
  }),
  version: z
    .number({
      required_error: 'version is required: send the version you last saw',
      invalid_type_error: 'version must be a whole number',
    })
    .int('version must be a whole number')
    .min(1, 'version must be a whole number'),
});

/**
 * Parses the body of `POST /changes/:id/actions`: the action, the version the
 * client last saw, and exactly the fields that action records. Unknown
 * fields are refused, so a body cannot smuggle in an actor or a state.
 *
 * @public
 */
export function parseActionRequest(body: unknown): ActionRequest {
  const { action, version } = envelope.parse(
    body && typeof body === 'object' ? body : {},
  );
  const { action: _a, version: _v, ...rest } = body as Record<string, unknown>;
  const fields = actionFieldSchemas[action].strict().parse(rest);
  return { action, version, ...fields } as ActionRequest;
}
