import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  changeListSchema,
  changeStateSchema,
  listQuerySchema,
} from '@trove/backstage-plugin-change-management-common';
import { z } from 'zod';
import { Actors } from '../service/Actors';
import { ChangeService } from '../service/ChangeService';
import { registrySchema } from './schemas';

const query = listQuerySchema.shape;

/**
 * The filters of `GET /changes`. The fields that are plain values are the
 * query's own schemas; the query string's text forms are JSON here: `state`
 * a list rather than text separated by commas, and the flags booleans
 * (`needsActionByMe` for `needsActionBy=me`).
 */
const listChangesInput = z
  .object({
    entityRef: query.entityRef,
    state: z
      .array(changeStateSchema)
      .min(1, 'state must name at least one state')
      .optional()
      .describe('Only changes in one of these states.'),
    type: query.type,
    author: query.author,
    needsActionByMe: z
      .boolean()
      .optional()
      .describe('Only changes waiting for an action of the caller.'),
    inFlight: z
      .boolean()
      .optional()
      .describe('Only submitted changes that still wait on someone.'),
    overdue: z
      .boolean()
      .optional()
      .describe('Only emergencies whose retrospective is past due.'),
    limit: query.limit,
    cursor: query.cursor,
  })
  .strict();

/** `list-changes`: a page of changes, as `GET /changes` answers it. */
export const createListChangesAction = ({
  actionsRegistry,
  actors,
  changes,
}: {
  actionsRegistry: ActionsRegistryService;
  actors: Actors;
  changes: ChangeService;
}) => {
  actionsRegistry.register({
    name: 'list-changes',
    title: 'List changes',
    attributes: {
      destructive: false,
      readOnly: true,
      idempotent: true,
    },
    description: `Lists the change requests of the Change Management SOP that the caller may read, newest first, one page at a time.
Filter by the entity they affect (for a System, everything that is part of it), state, type or author; or ask for what waits on the caller, what is in flight, or the emergencies whose retrospective is overdue. Pass nextCursor as cursor for the next page.`,
    schema: {
      input: () => registrySchema(listChangesInput),
      output: () => registrySchema(changeListSchema),
    },
    action: async ({ input, credentials }) => {
      const { state, ...filters } = input;
      return {
        output: await changes.listChanges(
          { ...filters, states: state },
          await actors.user(credentials),
        ),
      };
    },
  });
};
