import { createPermission } from '@backstage/plugin-permission-common';
import { CHANGE_ACTIONS, ChangeAction } from './types';

/** @public */
export const changeCreatePermission = createPermission({
  name: 'change-management.change.create',
  attributes: { action: 'create' },
});

/** @public */
export const changeReadPermission = createPermission({
  name: 'change-management.change.read',
  attributes: { action: 'read' },
});

const actionPermission = (action: ChangeAction) =>
  createPermission({
    name: `change-management.change.${action}`,
    attributes: { action: 'update' },
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

/** Every permission of the plugin, for registration. @public */
export const changeManagementPermissions = [
  changeCreatePermission,
  changeReadPermission,
  ...Object.values(changeActionPermissions),
];
