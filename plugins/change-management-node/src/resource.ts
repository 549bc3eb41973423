import { createPermissionResourceRef } from '@backstage/plugin-permission-node';
import { CHANGE_RESOURCE_TYPE } from '@trove/backstage-plugin-change-management-common';

/**
 * What permission rules see of a change: its author and the entities it
 * affects, each with the owner recorded when the change was raised or
 * edited. For `create`, the draft being raised.
 *
 * @public
 */
export type ChangeResource = {
  createdBy: string;
  affected: { entityRef: string; systemRef?: string; ownerRef?: string }[];
};

/**
 * A filter on stored changes, which the backend turns into SQL: one column
 * of the change, or of its affected entities, among some values.
 *
 * @public
 */
export type ChangeFilter = {
  key: 'createdBy' | 'affectedOwnerRef';
  values: string[];
};

/**
 * The change resource of the permission framework, `change-management-change`.
 *
 * @public
 */
export const changePermissionResourceRef = createPermissionResourceRef<
  ChangeResource,
  ChangeFilter
>().with({
  pluginId: 'change-management',
  resourceType: CHANGE_RESOURCE_TYPE,
});
