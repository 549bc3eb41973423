import { createPermission } from '@backstage/plugin-permission-common';
import { ChangeAction } from './types';

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

/** Editing a draft. @public */
export const changeUpdatePermission = createPermission({
  name: 'change-management.change.update',
  attributes: { action: 'update' },
});

const actionPermission = (action: ChangeAction) =>
  createPermission({
    name: `change-management.change.${action}`,
    attributes: { action: 'update' },
  });

/**
 * One permission per workflow action, `change-management.change.<action>`.
 * A policy decides who may act; the workflow's own rules (roles, separation
 * of duties, freeze) still apply on top of any decision.
 *
 * @public
 */
export const changeActionPermissions: Record<
  ChangeAction,
  ReturnType<typeof actionPermission>
> = {
  submit: actionPermission('submit'),
  review: actionPermission('review'),
  'request-changes': actionPermission('request-changes'),
  'waive-review': actionPermission('waive-review'),
  approve: actionPermission('approve'),
  reject: actionPermission('reject'),
  'record-staging': actionPermission('record-staging'),
  'sign-off': actionPermission('sign-off'),
  deploy: actionPermission('deploy'),
  verify: actionPermission('verify'),
  'roll-back': actionPermission('roll-back'),
  'document-retrospective': actionPermission('document-retrospective'),
  'complete-review': actionPermission('complete-review'),
  cancel: actionPermission('cancel'),
};

/**
 * The actions only the CTO role may take (WORKFLOW.md); a policy grants
 * their permissions to that role alone.
 *
 * @public
 */
export const CTO_ACTIONS: ChangeAction[] = [
  'approve',
  'reject',
  'waive-review',
  'sign-off',
  'complete-review',
];

/** Every permission of the plugin, for registration. @public */
export const changeManagementPermissions = [
  changeCreatePermission,
  changeReadPermission,
  changeUpdatePermission,
  ...Object.values(changeActionPermissions),
];
