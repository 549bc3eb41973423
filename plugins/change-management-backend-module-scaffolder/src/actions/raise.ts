import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  CHANGE_TYPES,
  changeDraftSchema,
  changePagePath,
  ChangeView,
  incidentSeveritySchema,
  STATE_LABELS,
} from '@trove/backstage-plugin-change-management-common';
import { ChangeManagementRequests } from '../ChangeManagementRequests';

/** The descriptions of the draft's fields, from the API's own schema. */
const about = (field: keyof typeof changeDraftSchema.shape) =>
  changeDraftSchema.shape[field].description ?? '';

/**
 * `change-management:raise`: raises a change as the user who runs the
 * template, through the change-management backend's HTTP API, and submits
 * it when asked to. The input schema names the fields and their types
 * only: what a draft must hold, what submit requires and who may raise a
 * change for which entities are the backend's to judge, and its refusal
 * (`InputError`, `NotAllowedError`, ...) fails the step with its message.
 *
 * @public
 */
export function createRaiseChangeAction(options: {
  requests: ChangeManagementRequests;
  /** The app's base URL, for the link to the change's page. */
  appBaseUrl: string;
}) {
  const { requests, appBaseUrl } = options;
  const pageOf = (change: ChangeView) => ({
    changeId: change.id,
    changeUrl: `${appBaseUrl}${changePagePath(change.id)}`,
    state: change.state,
    stateLabel: STATE_LABELS[change.state],
  });

  return createTemplateAction({
    id: 'change-management:raise',
    description:
      'Raises a change request of the Change Management SOP for the entities the template names, authored by the user who runs the template: a draft, or submitted for review with `submit: true`. The change-management backend judges it like any other request.',
    examples: [
      {
        description:
          'Raise and submit the infrastructure change of a new database',
        example: [
          'steps:',
          '  - id: change',
          '    name: Raise the infrastructure change',
          '    action: change-management:raise',
          '    input:',
          '      type: infrastructure',
          '      title: Provision the ${{ parameters.name }} database',
          '      description: ${{ parameters.description }}',
          '      risks: ${{ parameters.risks }}',
          '      testingNotes: ${{ parameters.testingNotes }}',
          '      affectedEntityRefs: [${{ parameters.system }}]',
          '      submit: true',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        type: z => z.enum(CHANGE_TYPES).describe(about('type')),
        title: z => z.string().describe('What the change does, in a line.'),
        description: z => z.string().optional().describe(about('description')),
        risks: z => z.string().optional().describe(about('risks')),
        testingNotes: z =>
          z.string().optional().describe(about('testingNotes')),
        pullRequestUrl: z =>
          z.string().optional().describe(about('pullRequestUrl')),
        incident: z =>
          z
            .object({
              ref: z.string().describe('The incident, e.g. INC-1042.'),
              severity: z.enum(incidentSeveritySchema.options),
            })
            .optional()
            .describe(about('incident')),
        proposedFix: z => z.string().optional().describe(about('proposedFix')),
        affectedEntityRefs: z =>
          z.array(z.string()).describe(about('affectedEntityRefs')),
        submit: z =>
          z
            .boolean()
            .default(false)
            .describe(
              'Submit the draft for review; the backend refuses an incomplete one, and the draft stays for its author to complete.',
            ),
      },
      output: {
        changeId: z => z.string().describe('The id of the change.'),
        changeUrl: z => z.string().describe("The change's page in the portal."),
        state: z =>
          z.string().describe('Its state: `draft`, or where submit led.'),
        stateLabel: z =>
          z.string().describe('Its state in words, e.g. "In review".'),
      },
    },
    async handler(ctx) {
      const { submit, ...draft } = ctx.input;
      const user: BackstageCredentials = await ctx.getInitiatorCredentials();

      // Checkpoints: a task resumed after a restart finds the change it
      // raised instead of raising another.
      const created = await ctx.checkpoint({
        key: 'change-management.create',
        fn: () => requests.send('CreateChange', { body: draft }, user),
      });
      let change = pageOf(created);
      ctx.logger.info(`Raised ${change.changeUrl} as a draft`);

      if (submit) {
        try {
          const submitted = await ctx.checkpoint({
            key: 'change-management.submit',
            fn: () =>
              requests.send(
                'ActOnChange',
                {
                  params: { id: created.id },
                  body: { action: 'submit', version: created.version },
                },
                user,
              ),
          });
          change = pageOf(submitted);
          ctx.logger.info(`Submitted ${change.changeUrl} for review`);
        } catch (error) {
          // The draft exists: name it, so its author can complete it.
          ctx.logger.warn(
            `The draft ${change.changeUrl} was raised but not submitted`,
          );
          outputAll(ctx, change);
          throw error;
        }
      }
      outputAll(ctx, change);
    },
  });
}

function outputAll<T extends Record<string, string>>(
  ctx: { output(name: keyof T, value: T[keyof T]): void },
  values: T,
) {
  for (const [name, value] of Object.entries(values)) {
    ctx.output(name, value as T[keyof T]);
  }
}
