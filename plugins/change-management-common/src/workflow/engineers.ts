/**
 * Config `changeManagement.roles.engineers`: who takes the steps "any
 * engineer" may take (peer review, record staging, deploy, verify, roll back).
 *
 * @public
 */
export interface EngineerRoles {
  /** Refs (users or groups) whose holders are not engineers. */
  exclude: string[];
  /** Whether only owners of an affected entity are engineers for a change. */
  ownersOnly: boolean;
}

/**
 * Which changes a person is an engineer for: any, none, or those that
 * affect an entity owned by one of these refs (their ownership refs).
 *
 * @public
 */
export type EngineerScope = 'any' | 'none' | string[];

/**
 * Which changes the holder of these ownership refs (their own ref and their
 * groups) is an engineer for. Anyone is an engineer unless one of their refs
 * is excluded; with `ownersOnly`, only for the changes they own a part of.
 * The SQL form is `engineerOfQuery` in the backend's database folder.
 *
 * @public
 */
export function engineerScope(
  ownershipEntityRefs: string[],
  roles: EngineerRoles,
): EngineerScope {
  if (ownershipEntityRefs.some(ref => roles.exclude.includes(ref))) {
    return 'none';
  }
  return roles.ownersOnly ? ownershipEntityRefs : 'any';
}

/**
 * Whether one of `claims` owns one of the entities a change affects, given
 * their owners' refs: the permission rule `affectsEntityOwnedBy`, and
 * the ownership an `ownersOnly` engineer needs.
 *
 * @public
 */
export function ownsAffectedEntity(
  claims: string[],
  ownerRefs: (string | undefined)[],
): boolean {
  return ownerRefs.some(ref => !!ref && claims.includes(ref));
}

/**
 * Whether a person with this scope is an engineer for a change that affects
 * entities owned by `ownerRefs`.
 *
 * @public
 */
export function isEngineerFor(
  scope: EngineerScope,
  ownerRefs: (string | undefined)[],
): boolean {
  if (scope === 'any' || scope === 'none') {
    return scope === 'any';
  }
  return ownsAffectedEntity(scope, ownerRefs);
}
