import { createExtensionPoint } from '@backstage/backend-plugin-api';

/**
 * A production deploy that another system reports, such as GitHub's
 * `deployment_status` (issue 20).
 *
 * @public
 */
export interface ReportedDeploy {
  /** The run or deployment that deployed it: a URL a person can open. */
  deploymentRef: string;
  /** The commit deployed, if the system names it. */
  commitSha?: string;
}

/**
 * Records deploys that another system reports, with that system as the
 * actor, as a pipeline records them: only where
 * `changeManagement.ci.allowRecording` is on, judged by the workflow as a
 * pipeline's deploy is, and never a decision.
 *
 * @public
 */
export interface ChangeDeployRecorder {
  /**
   * Records the deploy on the change as it is now. `reportedBy` names the
   * system, as the change's trail will show it: `<kind>:<name>`, such as
   * `github-app:123456`; never a user's or a group's ref. Throws the
   * workflow's refusal. Only after the plugin has started.
   */
  recordDeploy(
    changeId: string,
    deploy: ReportedDeploy,
    reportedBy: string,
  ): Promise<void>;
}

/** @public */
export interface ChangeDeployRecorderExtensionPoint {
  /** The recorder, to record deploys once the plugin has started. */
  deploys: ChangeDeployRecorder;
}

/**
 * Where a module records the deploys a system reports under that system's
 * name, which a request over HTTP cannot do: its token names the module's
 * plugin, not the system.
 *
 * @public
 */
export const changeDeployRecorderExtensionPoint =
  createExtensionPoint<ChangeDeployRecorderExtensionPoint>({
    id: 'change-management.deploy-recorder',
  });
