import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  ChangeAction,
  changeActionPermissions,
  changeCreatePermission,
  changeReadPermission,
  checkAction,
  openActions,
  WorkflowActor,
} from '@trove/backstage-plugin-change-management-common';
import { StoredChange } from '../database/ChangeStore';
import { ChangeManagementConfig, holdsCtoRole } from './config';

/** The signed-in user an operation runs for, from Backstage auth only. */
export interface Actor {
  userEntityRef: string;
  ownershipEntityRefs: string[];
  credentials: BackstageCredentials;
}

/**
 * Who may do what. The workflow owns the SOP's roles (author, reviewer,
 * CTO); the permission policy is where an organisation adds restrictions of
 * its own. Both must agree before anything happens.
 */
export class ChangeAccess {
  constructor(
    private readonly permissions: PermissionsService,
    private readonly config: ChangeManagementConfig,
  ) {}

  /** Facts about the actor that the workflow needs. */
  workflowActor(actor: Actor): WorkflowActor {
    return {
      userEntityRef: actor.userEntityRef,
      isCto: holdsCtoRole(this.config, actor.ownershipEntityRefs),
    };
  }

  /** Reading changes, their events and the change log: one permission. */
  async authorizeRead(actor: Actor) {
    await this.authorize(changeReadPermission, actor, 'read changes');
  }

  async authorizeCreate(actor: Actor) {
    await this.authorize(changeCreatePermission, actor, 'create changes');
  }

  async authorizeAction(action: ChangeAction, actor: Actor) {
    await this.authorize(
      changeActionPermissions[action],
      actor,
      `${action} changes`,
    );
  }

  /**
   * The actions this caller may take on the change now: those the workflow
   * opens to them, that the permission policy grants too, asked in one
   * batched call. Fields and the freeze are judged when they act.
   */
  async allowedActions(
    change: StoredChange,
    actor: Actor,
  ): Promise<ChangeAction[]> {
    const who = this.workflowActor(actor);
    const candidates = openActions(change).filter(
      action =>
        checkAction(change, action, who, {
          allowSelfApproval: this.config.allowSelfApproval,
        }).ok,
    );
    if (candidates.length === 0) {
      return [];
    }
    const decisions = await this.permissions.authorize(
      candidates.map(action => ({
        permission: changeActionPermissions[action],
      })),
      { credentials: actor.credentials },
    );
    return candidates.filter(
      (_, i) => decisions[i].result === AuthorizeResult.ALLOW,
    );
  }

  private async authorize(
    permission: BasicPermission,
    actor: Actor,
    what: string,
  ) {
    const [decision] = await this.permissions.authorize([{ permission }], {
      credentials: actor.credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `The permission policy does not let you ${what}`,
      );
    }
  }
}
