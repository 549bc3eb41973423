import { z } from 'zod';
import {
  ActionField,
  ask,
  failedLabels,
  FieldsSchema,
  fieldsSchema,
} from './actionFields';
import { optionalText } from './fields';
import { changeEditSchema, versionSchema } from './schemas';
import {
  CHANGE_ACTIONS,
  ChangeAction,
  changeActionSchema,
  stagingTestedSchema,
} from './types';

const comment = ask.optional('Comment');
const reason = ask.required('Reason');

/**
 * The fields each action records, beside `action` and `version`
 * (docs/workflow.md, "Action fields"), and how the portal asks for them, in
 * the order its form shows them. This is where an action's fields are
 * defined: the request schemas, the types, the events' fields, the OpenAPI
 * document and the portal's forms follow. Editing sends the draft's own form
 * instead (`changeEditSchema`).
 *
 * @public
 */
export const ACTION_FIELDS = {
  // Submitting checks the draft's own fields.
  submit: {},
  review: { comment },
  'request-changes': { comment: ask.required('Comment') },
  'waive-review': { reason },
  'return-to-review': { comment },
  approve: { comment },
  reject: { comment: ask.required('Comment') },
  'record-staging': {
    functionalTested: ask.check('Functional testing'),
    regressionChecked: ask.check('Regression checks'),
    noUnexpectedSideEffects: ask.check('No unexpected side effects'),
    stagingTested: ask.choice('Staging tested', stagingTestedSchema, {
      failsOn: 'no',
    }),
    comment,
  },
  'sign-off': { comment },
  deploy: {
    deploymentRef: ask.optional('Deployment reference', {
      max: 2000,
      singleLine: true,
      hint: 'Optional, e.g. the URL of the pipeline run',
      description: 'For example a pipeline run URL.',
    }),
    commitSha: ask.notAsked(
      optionalText('Commit SHA', 100).describe(
        'The commit deployed, as a pipeline records it.',
      ),
    ),
    comment,
  },
  verify: {
    postDeploymentVerified: ask.yesNo('Post-deployment verified', {
      failsOn: 'no',
    }),
    issuesEncountered: ask.mayBeEmpty('Issues encountered', {
      hint: 'Leave empty if there were none',
      description: 'Free text; an empty string for none.',
    }),
  },
  'roll-back': { reason },
  'document-retrospective': {
    whatChanged: ask.required('What changed'),
    why: ask.required('Why'),
    approvalReceived: ask.required('Approval received'),
  },
  'complete-review': {
    preventable: ask.yesNo('Could it have been prevented?'),
    notes: ask.required('Notes'),
  },
  cancel: { reason },
} satisfies Record<Exclude<ChangeAction, 'edit'>, Record<string, ActionField>>;

type AskedFields = typeof ACTION_FIELDS;

/**
 * The schema of each action's fields, from `ACTION_FIELDS`.
 *
 * @public
 */
export const actionFieldSchemas = {
  edit: changeEditSchema.omit({ version: true }),
  ...(Object.fromEntries(
    Object.entries(ACTION_FIELDS).map(([action, fields]) => [
      action,
      fieldsSchema(fields),
    ]),
  ) as {
    [A in keyof AskedFields]: FieldsSchema<AskedFields[A]>;
  }),
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

/**
 * The answers of a request that record a failure, by their labels: a check
 * that failed, staging tested "No", post-deployment verified "No". The
 * portal asks to confirm them; `record-staging` sends the change back to
 * draft for them.
 *
 * @public
 */
export function failedAnswers(request: ActionRequest): string[] {
  return request.action === 'edit'
    ? []
    : failedLabels(ACTION_FIELDS[request.action], request);
}
