import { AuditorService } from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { Actors } from '../service/Actors';
import { ChangeManagementMetrics } from '../service/ChangeManagementMetrics';
import { ChangeService } from '../service/ChangeService';
import { GateService } from '../service/GateService';
import { createCheckGateAction } from './createCheckGateAction';
import { createCreateChangeAction } from './createCreateChangeAction';
import { createGetChangeAction } from './createGetChangeAction';
import { createListChangesAction } from './createListChangesAction';

/**
 * Registers the actions that automation and AI agents may call through the
 * actions registry (served as tools by the MCP actions backend): read a
 * change, list changes, ask the deployment gate, and raise a draft.
 *
 * A person makes every decision of the SOP. No action reviews, approves,
 * rejects, signs off, deploys, verifies or takes any other workflow step,
 * and none may be added here: an agent prepares and reads, and the people
 * the workflow names decide in Backstage. Each action runs as its caller,
 * through the same services as the HTTP API, so the workflow and the
 * permission policy judge it as they would the caller's own request.
 */
export function registerChangeActions(options: {
  actionsRegistry: ActionsRegistryService;
  actors: Actors;
  auditor: AuditorService;
  changes: ChangeService;
  gate: GateService;
  metrics: ChangeManagementMetrics;
}) {
  createGetChangeAction(options);
  createListChangesAction(options);
  createCheckGateAction(options);
  createCreateChangeAction(options);
}
