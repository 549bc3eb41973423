import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  actionsFrom,
  ChangeAction,
  changeActionPermissions,
  checkAction,
  WorkflowActor,
} from '@trove/backstage-plugin-change-management-common';
import { StoredChange } from '../database/ChangeStore';

/**
 * The actions this caller may take on the change now: those the workflow
 * allows them from its state, that the permission policy grants too, asked
 * in one batched call. Fields and the freeze are judged when they act.
 */
export async function allowedActionsFor(
  change: StoredChange,
  actor: WorkflowActor,
  credentials: BackstageCredentials,
  options: { allowSelfApproval: boolean; permissions: PermissionsService },
): Promise<ChangeAction[]> {
  const candidates = actionsFrom(change.type, change.state).filter(
    action =>
      checkAction(change, action, actor, {
        allowSelfApproval: options.allowSelfApproval,
      }).ok,
  );
  if (candidates.length === 0) {
    return [];
  }
  const decisions = await options.permissions.authorize(
    candidates.map(action => ({ permission: changeActionPermissions[action] })),
    { credentials },
  );
  return candidates.filter(
    (_, i) => decisions[i].result === AuthorizeResult.ALLOW,
  );
}
