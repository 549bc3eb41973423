import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  gateAnswerSchema,
  gateQuerySchema,
} from '@trove/backstage-plugin-change-management-common';
import { Actors } from '../service/Actors';
import { GateService } from '../service/GateService';
import { registrySchema } from './schemas';

/** `check-gate`: the deployment gate, as `GET /gate` answers it. */
export const createCheckGateAction = ({
  actionsRegistry,
  actors,
  gate,
}: {
  actionsRegistry: ActionsRegistryService;
  actors: Actors;
  gate: GateService;
}) => {
  actionsRegistry.register({
    name: 'check-gate',
    title: 'Check the deployment gate',
    attributes: {
      destructive: false,
      readOnly: true,
      idempotent: true,
    },
    description: `Asks whether a change may be deployed to an environment now, as a pipeline does before it deploys.
The answer comes from the change's workflow state, the production freeze and the blackouts of what it affects. When it is not allowed, reasons says why in sentences a developer can act on. It only reads: it neither deploys nor records a deploy.`,
    schema: {
      input: () => registrySchema(gateQuerySchema),
      output: () => registrySchema(gateAnswerSchema),
    },
    action: async ({ input, credentials }) => ({
      output: await gate.check(
        input.changeId,
        input.environment,
        await actors.userOrPipeline(credentials),
      ),
    }),
  });
};
