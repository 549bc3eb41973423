import { createPermissionRule } from '@backstage/plugin-permission-node';
import { z } from 'zod';
import { changePermissionResourceRef } from './resource';

const claims = z.object({
  claims: z
    .array(z.string())
    .describe(
      'Entity refs, typically the ownership refs of the user: their own ref and their groups',
    ),
});

/**
 * The change was raised by one of the claims, e.g. the user themselves.
 *
 * @public
 */
export const isAuthor = createPermissionRule({
  name: 'IS_AUTHOR',
  description: 'Allow changes raised by one of the given users',
  resourceRef: changePermissionResourceRef,
  paramsSchema: claims,
  apply: (change, { claims: refs }) => refs.includes(change.createdBy),
  toQuery: ({ claims: refs }) => ({ key: 'createdBy', values: refs }),
});

/**
 * The change affects an entity owned by one of the claims, e.g. a group the
 * user belongs to.
 *
 * @public
 */
export const affectsEntityOwnedBy = createPermissionRule({
  name: 'AFFECTS_ENTITY_OWNED_BY',
  description:
    'Allow changes to entities owned by one of the given users or groups',
  resourceRef: changePermissionResourceRef,
  paramsSchema: claims,
  apply: (change, { claims: refs }) =>
    change.affected.some(e => !!e.ownerRef && refs.includes(e.ownerRef)),
  toQuery: ({ claims: refs }) => ({ key: 'affectedOwnerRef', values: refs }),
});

/** Every rule of the change resource. @public */
export const changePermissionRules = { isAuthor, affectsEntityOwnedBy };
