import { createPermission } from '@backstage/plugin-permission-common';
import { CHANGE_ACTIONS, ChangeAction } from './types';

/**
 * The resource type of a change in the permission framework. Every change
 * permission is a resource permission of this type, so a policy can narrow
 * it with conditions (the rules are in the `-node` package).
 *
 * @public
 */
export const CHANGE_RESOURCE_TYPE = 'change-management-change';

/** Raising a change; conditions are judged on the draft. @public */
export const changeCreatePermission = createPermission({
  name: 'change-management.change.create',
  attributes: { action: 'create' },
  resourceType: CHANGE_RESOURCE_TYPE,
});

/** Reading a change, its events and the change log. @public */
export const changeReadPermission = createPermission({
  name: 'change-management.change.read',
  attributes: { action: 'read' },
  resourceType: CHANGE_RESOURCE_TYPE,
});

const actionPermission = (action: ChangeAction) =>
  createPermission({
    name: `change-management.change.${action}`,
    attributes: { action: 'update' },
    resourceType: CHANGE_RESOURCE_TYPE,
  });

/**
 * One permission per workflow action, `change-management.change.<action>`,
 * `edit` of a draft included. A policy decides who may act; the workflow's
 * own rules (roles, separation of duties, freeze) still apply on top of any
 * decision.
 *
 * @public
 */
export const changeActionPermissions = Object.fromEntries(
  CHANGE_ACTIONS.map(action => [action, actionPermission(action)]),
) as Record<ChangeAction, ReturnType<typeof actionPermission>>;

/**
 * Reading the audit evidence: the auditor's sample of production changes
 * with their evidence, and the list of exceptions. A basic permission: it
 * is granted or not, whatever the change.
 *
 * @public
 */
export const changeAuditReadPermission = createPermission({
  name: 'change-management.audit.read',
  attributes: { action: 'read' },
});

/** Every permission of the plugin, for registration. @public */
export const changeManagementPermissions = [
  changeCreatePermission,
  changeReadPermission,
  ...Object.values(changeActionPermissions),
  changeAuditReadPermission,
];
