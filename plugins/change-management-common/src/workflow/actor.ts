import { EngineerScope } from './engineers';

/**
 * Who acts, as every rule sees them: resolved once per request from
 * Backstage auth and the configured roles, never from a request body. The
 * workflow judges an action with it, the queues compile it to SQL, and the
 * notices ask the same engineer rule of it.
 *
 * @public
 */
export interface Actor {
  userEntityRef: string;
  /** Holds the CTO role (config `changeManagement.roles.cto`). */
  isCto: boolean;
  /**
   * For a holder of the CTO role: the other users who hold it, from the
   * catalog's members of the configured refs. Whether any of them could
   * still approve decides whether this holder may peer-review a change
   * ({@link reviewLeavesAnApprover}); unknown counts as nobody.
   */
  otherCtos?: string[];
  /**
   * The changes whose "any engineer" steps (peer review, record staging,
   * deploy, verify, roll back) are theirs (config
   * `changeManagement.roles.engineers`); see {@link isEngineerFor}.
   */
  engineerOf: EngineerScope;
  /**
   * A pipeline's service principal rather than a person. It may only record
   * what happened (deploy, roll-back); a person makes every decision.
   */
  isService?: boolean;
}
