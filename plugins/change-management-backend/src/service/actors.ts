import {
  AuthService,
  BackstageCredentials,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { Actor } from './ChangeAccessService';

/**
 * Turns the caller's Backstage credentials into the {@link Actor} the
 * services judge, the same way for an HTTP request and for an action of the
 * actions registry, so that both are held to the same rules.
 */
export class Actors {
  constructor(
    private readonly auth: AuthService,
    private readonly userInfo: UserInfoService,
  ) {}

  /** A signed-in user, with the groups they hold ownership through. */
  async user(credentials: BackstageCredentials): Promise<Actor> {
    if (!this.auth.isPrincipal(credentials, 'user')) {
      throw new NotAllowedError(
        'Only a signed-in user may do this, not a pipeline or other service',
      );
    }
    const info = await this.userInfo.getUserInfo(credentials);
    return {
      userEntityRef: credentials.principal.userEntityRef,
      ownershipEntityRefs: info.ownershipEntityRefs,
      credentials,
    };
  }

  /**
   * A user, or a pipeline: a service principal such as an external-access
   * static token, which reads the gate and a change, and records deploys
   * where config allows it. Its subject is recorded as the actor.
   */
  async userOrPipeline(credentials: BackstageCredentials): Promise<Actor> {
    if (!this.auth.isPrincipal(credentials, 'service')) {
      return this.user(credentials);
    }
    return {
      userEntityRef: credentials.principal.subject,
      ownershipEntityRefs: [],
      credentials,
      isService: true,
    };
  }
}
