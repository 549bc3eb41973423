import { z } from 'zod';
import { flag, optionalText, requiredText, text } from './fields';
import { changeEditSchema, versionSchema } from './schemas';
import {
  CHANGE_ACTIONS,
  ChangeAction,
  changeActionSchema,
  stagingTestedSchema,
} from './types';

const yesNo = (label: string) =>
  z.enum(['yes', 'no'], {
    errorMap: () => ({ message: `${label} must be 'yes' or 'no'` }),
  });

/**
 * The fields each action records, beside `action` and `version`
 * (docs/workflow.md, "Action fields"). This is where an action's fields are
 * defined: the request schemas, the types and the OpenAPI document follow.
 *
 * @public
 */
export const actionFieldSchemas = {
  edit: changeEditSchema.omit({ version: true }),
  submit: z.object({}).describe("Checks the draft's own fields."),
  review: z.object({ comment: optionalText('Comment') }),
  'request-changes': z.object({ comment: requiredText('Comment') }),
  'waive-review': z.object({ reason: requiredText('Reason') }),
  approve: z.object({ comment: optionalText('Comment') }),
  reject: z.object({ comment: requiredText('Comment') }),
  'record-staging': z.object({
    functionalTested: flag('Functional tested'),
    regressionChecked: flag('Regression checked'),
    noUnexpectedSideEffects: flag('No unexpected side effects'),
    stagingTested: stagingTestedSchema,
    comment: optionalText('Comment'),
  }),
  'sign-off': z.object({ comment: optionalText('Comment') }),
  deploy: z.object({
    deploymentRef: optionalText('Deployment reference', 2000).describe(
      'For example a pipeline run URL.',
    ),
    commitSha: optionalText('Commit SHA', 100).describe(
      'The commit deployed, as a pipeline records it.',
    ),
    comment: optionalText('Comment'),
  }),
  verify: z.object({
    postDeploymentVerified: yesNo('Post-deployment verified'),
    issuesEncountered: text(
      'Issues encountered (send an empty string for none)',
    ).describe('Free text; an empty string for none.'),
  }),
  'roll-back': z.object({ reason: requiredText('Reason') }),
  'document-retrospective': z.object({
    whatChanged: requiredText('What changed'),
    why: requiredText('Why'),
    approvalReceived: requiredText('Approval received'),
  }),
  'complete-review': z.object({
    preventable: yesNo('Preventable'),
    notes: requiredText('Notes'),
  }),
  cancel: z.object({ reason: requiredText('Reason') }),
} satisfies Record<ChangeAction, z.AnyZodObject>;

type ActionFieldSchemas = typeof actionFieldSchemas;

/** @public */
export type ActionFields<A extends ChangeAction> = z.infer<
  ActionFieldSchemas[A]
>;

type FieldsShape<A extends ChangeAction> =
  ActionFieldSchemas[A] extends z.ZodObject<infer S> ? S : never;

/** The body of one action: its name, the version and exactly its fields. */
type ActionRequestSchema<A extends ChangeAction> = z.ZodObject<
  { action: z.ZodLiteral<A>; version: typeof versionSchema } & FieldsShape<A>,
  'strict'
>;

/**
 * The body of `POST /changes/:id/actions` for each action. Strict: a body
 * cannot smuggle in an actor or a state.
 *
 * @public
 */
export const actionRequestSchemas = Object.fromEntries(
  CHANGE_ACTIONS.map(action => [
    action,
    z
      .object({ action: z.literal(action), version: versionSchema })
      // zod cannot call merge on a union of object types: one shape at a time.
      .merge(actionFieldSchemas[action] as z.AnyZodObject)
      .strict(),
  ]),
) as { [A in ChangeAction]: ActionRequestSchema<A> };

const [firstRequest, ...otherRequests] = CHANGE_ACTIONS.map(
  action => actionRequestSchemas[action],
);

/**
 * Any action request, told apart by `action`.
 *
 * @public
 */
export const actionRequestSchema = z.discriminatedUnion('action', [
  firstRequest,
  ...otherRequests,
]);

/** A parsed action request. @public */
export type ActionRequest = z.infer<typeof actionRequestSchema>;

/** An action request as a client writes it (defaults not yet applied). @public */
export type ActionRequestInput = z.input<typeof actionRequestSchema>;

const envelope = z.object({
  action: changeActionSchema,
  version: versionSchema,
});

/**
 * Parses the body of `POST /changes/:id/actions`: the action, the version the
 * client last saw, and exactly the fields that action records. Unknown
 * fields are refused, so a body cannot smuggle in an actor or a state.
 *
 * @public
 */
export function parseActionRequest(body: unknown): ActionRequest {
  const request = body && typeof body === 'object' ? body : {};
  // The action and the version first, so that an unknown action or a missing
  // version is named as such rather than as a bad discriminator.
  envelope.parse(request);
  return actionRequestSchema.parse(request);
}
