import {
  AuthService,
  BackstageCredentials,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { engineerScope } from '@trove/backstage-plugin-change-management-common';
import { Caller } from './ChangeAccessService';
import { ChangeManagementConfig, holdsCtoRole } from './config';
import { CtoRoleHolders } from './CtoRoleHolders';

/**
 * Turns the caller's Backstage credentials into the {@link Caller} the
 * services judge, the same way for an HTTP request and for an action of the
 * actions registry, so that both are held to the same rules. Their roles
 * (CTO, engineer) are read from config here, once per request; for a
 * holder of the CTO role, also who else holds it (CtoRoleHolders).
 */
export class Actors {
  constructor(
    private readonly auth: AuthService,
    private readonly userInfo: UserInfoService,
    private readonly roles: Pick<
      ChangeManagementConfig,
      'ctoRefs' | 'engineers'
    >,
    private readonly ctoHolders: Pick<CtoRoleHolders, 'users'>,
  ) {}

  /** A signed-in user, with the groups they hold ownership through. */
  async user(credentials: BackstageCredentials): Promise<Caller> {
    if (!this.auth.isPrincipal(credentials, 'user')) {
      throw new NotAllowedError(
        'Only a signed-in user may do this, not a pipeline or other service',
      );
    }
    const { ownershipEntityRefs } = await this.userInfo.getUserInfo(
      credentials,
    );
    const userEntityRef = credentials.principal.userEntityRef;
    const isCto = holdsCtoRole(this.roles, ownershipEntityRefs);
    return {
      userEntityRef,
      isCto,
      ...(isCto && {
        otherCtos: (await this.ctoHolders.users()).filter(
          ref => ref !== userEntityRef,
        ),
      }),
      engineerOf: engineerScope(ownershipEntityRefs, this.roles.engineers),
      ownershipEntityRefs,
      credentials,
    };
  }

  /**
   * A user, or another plugin of this backend (its subject is `plugin:<id>`,
   * such as the search module indexing every change). A pipeline's
   * external-access token is refused: it reads one change by id and the
   * gate, never the whole list.
   */
  async userOrPlugin(credentials: BackstageCredentials): Promise<Caller> {
    if (
      this.auth.isPrincipal(credentials, 'service') &&
      !credentials.principal.subject.startsWith('plugin:')
    ) {
      throw new NotAllowedError(
        'A pipeline token reads one change by id and the gate; listing changes is for people and for other plugins, such as search',
      );
    }
    return this.userOrPipeline(credentials);
  }

  /**
   * A user, or a pipeline: a service principal such as an external-access
   * static token, which reads the gate and a change, and records deploys
   * where config allows it. Its subject is recorded as the actor.
   */
  async userOrPipeline(credentials: BackstageCredentials): Promise<Caller> {
    if (!this.auth.isPrincipal(credentials, 'service')) {
      return this.user(credentials);
    }
    // A pipeline records what the engineers' deploy did; it decides nothing
    // (the workflow lets a service principal record deploys and roll-backs
    // only).
    return {
      userEntityRef: credentials.principal.subject,
      isCto: false,
      engineerOf: 'any',
      isService: true,
      ownershipEntityRefs: [],
      credentials,
    };
  }
}
