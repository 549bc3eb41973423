import { createPermissionRule } from '@backstage/plugin-permission-node';
import { ownsAffectedEntity } from '@trove/backstage-plugin-change-management-common';
import { z } from 'zod';
import { changePermissionResourceRef } from './resource';

const claimsSchema = z.object({
  claims: z
    .array(z.string())
    .describe(
      'Entity refs, typically the ownership refs of the user: their own ref and their groups',
    ),
});
type Claims = z.infer<typeof claimsSchema>;

// permission-node validates and describes zod 3 schemas at run time (through
// zod-to-json-schema), but its types name zod 4, which the plugin packages
// do not use yet: a second zod in the app would split the schemas' identity.
const claims = claimsSchema as any;

/**
 * The change was raised by one of the claims, e.g. the user themselves.
 *
 * @public
 */
export const isAuthor = createPermissionRule<
  typeof changePermissionResourceRef,
  Claims
>({
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
export const affectsEntityOwnedBy = createPermissionRule<
  typeof changePermissionResourceRef,
  Claims
>({
  name: 'AFFECTS_ENTITY_OWNED_BY',
  description:
    'Allow changes to entities owned by one of the given users or groups',
  resourceRef: changePermissionResourceRef,
  paramsSchema: claims,
  apply: (change, { claims: refs }) =>
    ownsAffectedEntity(
      refs,
      change.affected.map(e => e.ownerRef),
    ),
  toQuery: ({ claims: refs }) => ({ key: 'affectedOwnerRef', values: refs }),
});

/** Every rule of the change resource. @public */
export const changePermissionRules = { isAuthor, affectsEntityOwnedBy };
