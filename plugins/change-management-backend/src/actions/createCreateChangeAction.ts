import { AuditorService } from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { JsonObject } from '@backstage/types';
import {
  changeDraftSchema,
  changeViewSchema,
} from '@trove/backstage-plugin-change-management-common';
import { Actors } from '../service/Actors';
import { ChangeManagementMetrics } from '../service/ChangeManagementMetrics';
import { ChangeService } from '../service/ChangeService';
import { registrySchema } from './schemas';

/**
 * `create-change`: raises a draft, as `POST /changes` does, authored by the
 * caller. It never submits: the author submits in Backstage.
 */
export const createCreateChangeAction = ({
  actionsRegistry,
  actors,
  auditor,
  changes,
  metrics,
}: {
  actionsRegistry: ActionsRegistryService;
  actors: Actors;
  auditor: AuditorService;
  changes: ChangeService;
  metrics: ChangeManagementMetrics;
}) => {
  actionsRegistry.register({
    name: 'create-change',
    title: 'Create a draft change',
    attributes: {
      destructive: false,
      readOnly: false,
      idempotent: false,
    },
    description: `Creates a change request of the Change Management SOP as a draft, authored by the caller, for the caller to complete and submit in Backstage.
A draft may be incomplete: a standard change needs a pull request URL, and an emergency an incident and a proposed fix, only when it is submitted. The affected entities must exist in the catalog. Each call creates a new draft.`,
    schema: {
      input: () => registrySchema(changeDraftSchema),
      output: () => registrySchema(changeViewSchema),
    },
    action: async ({ input, credentials }) => {
      // There is no HTTP request for the auditor to name the caller from, so
      // the event carries the principal. A user's principal also names, as
      // its `actor`, a service acting for them, such as the MCP backend.
      const event = await auditor.createEvent({
        eventId: 'change-create',
        severityLevel: 'medium',
        meta: {
          actionId: 'change-management:create-change',
          principal: credentials.principal as JsonObject,
        },
      });
      try {
        const change = await changes.createChange(
          input,
          await actors.user(credentials),
        );
        await event.success({
          meta: { changeId: change.id, state: change.state },
        });
        return { output: change };
      } catch (error) {
        metrics.recordRefusal(error);
        await event.fail({ error: error as Error });
        throw error;
      }
    },
  });
};
