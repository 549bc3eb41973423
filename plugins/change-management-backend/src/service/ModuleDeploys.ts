import { AuditorService, AuthService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { createDeferred } from '@backstage/types';
import { parseActionRequest } from '@trove/backstage-plugin-change-management-common';
import {
  ChangeDeployRecorder,
  ChangeDeployRecorderExtensionPoint,
  ReportedDeploy,
} from '@trove/backstage-plugin-change-management-node';
import { ChangeStore } from '../database/ChangeStore';
import { parseInput } from '../errors';
import { ChangeManagementMetrics } from './ChangeManagementMetrics';
import { ChangeService } from './ChangeService';

/** `<kind>:<name>`, and not a ref a person or a group signs with. */
const SYSTEM = /^(?!user:|group:)[a-z][a-z0-9-]*:\S+$/;

/**
 * Issue 20: deploys that another system reports, recorded by a module
 * (the GitHub module, for `deployment_status`) through
 * `changeDeployRecorderExtensionPoint`, with that system as the actor. The
 * module runs in this plugin, so the name is the module's word, as a
 * pipeline's is its token's subject; the rest is the pipeline's path: the
 * same `act`, which refuses without `changeManagement.ci.allowRecording`
 * and lets a service record a deploy and nothing it would decide.
 */
export class ModuleDeploys implements ChangeDeployRecorder {
  private readonly started = createDeferred<{
    changes: ChangeService;
    store: ChangeStore;
    auth: AuthService;
    auditor: AuditorService;
    metrics: ChangeManagementMetrics;
  }>();

  readonly extensionPoint: ChangeDeployRecorderExtensionPoint = {
    deploys: this,
  };

  start(deps: {
    changes: ChangeService;
    store: ChangeStore;
    auth: AuthService;
    auditor: AuditorService;
    metrics: ChangeManagementMetrics;
  }): void {
    this.started.resolve(deps);
  }

  async recordDeploy(
    changeId: string,
    deploy: ReportedDeploy,
    reportedBy: string,
  ): Promise<void> {
    if (!SYSTEM.test(reportedBy)) {
      throw new InputError(
        `A reported deploy names its system as <kind>:<name>, not '${reportedBy}'`,
      );
    }
    const { changes, store, auth, auditor, metrics } = await this.started;
    // No HTTP request names the caller: the event names the system.
    const event = await auditor.createEvent({
      eventId: 'change-action',
      severityLevel: 'medium',
      meta: { changeId, action: 'deploy', reportedBy },
    });
    try {
      const change = await store.getChange(changeId);
      if (!change) throw new NotFoundError(`No change with id '${changeId}'`);
      const request = parseInput(() =>
        parseActionRequest({
          action: 'deploy',
          version: change.version,
          ...deploy,
        }),
      );
      const done = await changes.act(changeId, request, {
        userEntityRef: reportedBy,
        isCto: false,
        engineerOf: 'any',
        isService: true,
        ownershipEntityRefs: [],
        credentials: await auth.getOwnServiceCredentials(),
      });
      await event.success({ meta: { changeId, state: done.state } });
    } catch (error) {
      metrics.recordRefusal(error);
      await event.fail({ error: error as Error });
      throw error;
    }
  }
}
