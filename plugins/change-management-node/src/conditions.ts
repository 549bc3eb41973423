import { createConditionExports } from '@backstage/plugin-permission-node';
import { changePermissionResourceRef } from './resource';
import { changePermissionRules } from './rules';

const { conditions, createConditionalDecision } = createConditionExports({
  resourceRef: changePermissionResourceRef,
  rules: changePermissionRules,
});

/**
 * The conditions of the change resource, for permission policies:
 * `changeConditions.affectsEntityOwnedBy({ claims: user.info.ownershipEntityRefs })`.
 *
 * @public
 */
export const changeConditions = conditions;

/**
 * A conditional decision on a change permission, for permission policies.
 *
 * @public
 */
export const createChangeConditionalDecision = createConditionalDecision;
