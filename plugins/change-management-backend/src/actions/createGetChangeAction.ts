import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  changeIdSchema,
  changeDetailSchema,
} from '@trove/backstage-plugin-change-management-common';
import { z } from 'zod';
import { Actors } from '../service/Actors';
import { ChangeService } from '../service/ChangeService';
import { registrySchema } from './schemas';

/** `get-change`: one change, as `GET /changes/:id` answers it. */
export const createGetChangeAction = ({
  actionsRegistry,
  actors,
  changes,
}: {
  actionsRegistry: ActionsRegistryService;
  actors: Actors;
  changes: ChangeService;
}) => {
  actionsRegistry.register({
    name: 'get-change',
    title: 'Get a change',
    attributes: {
      destructive: false,
      readOnly: true,
      idempotent: true,
    },
    description: `Gets one change request of the Change Management SOP by its id: its fields, its workflow state, its signatures (review, approval, sign-off, deploy, verification), the workflow actions the caller may take now and whether it may deploy to production now (deployVerdict: the freeze and the blackouts of its entities).
The actions in allowedActions are for the caller to take in Backstage; they cannot be taken through these tools.`,
    schema: {
      input: () =>
        registrySchema(
          z
            .object({
              id: changeIdSchema.describe('The id of the change (a UUID).'),
            })
            .strict(),
        ),
      output: () => registrySchema(changeDetailSchema),
    },
    action: async ({ input, credentials }) => ({
      output: await changes.getChange(
        input.id,
        await actors.userOrPipeline(credentials),
      ),
    }),
  });
};
