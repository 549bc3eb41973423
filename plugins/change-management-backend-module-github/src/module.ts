import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { ScmIntegrations } from '@backstage/integration';
import { changePullRequestReaderExtensionPoint } from '@trove/backstage-plugin-change-management-node';
import { readGatedEnvironments } from './config';
import { GithubPullRequestReader } from './GithubPullRequestReader';
import {
  DeploymentGate,
  DeploymentProtectionRuleEvent,
} from './DeploymentGate';
import { GateClient } from './GateClient';
import {
  DeploymentRecorder,
  DeploymentStatusEvent,
} from './DeploymentRecorder';
import { createOctokitFactory } from './githubClient';

/** The topics of GitHub's webhooks, as the events backend's GitHub module routes them. */
export const DEPLOYMENT_PROTECTION_RULE_TOPIC =
  'github.deployment_protection_rule';
export const DEPLOYMENT_STATUS_TOPIC = 'github.deployment_status';

/**
 * GitHub Environments obey the change-management gate: each deployment to
 * an environment in `changeManagement.github.environments` waits for the
 * gate's answer, given through GitHub's custom deployment protection rule.
 * With `changeManagement.github.verifyPullRequests`, a change is submitted
 * only if its linked pull request can be read.
 *
 * @public
 */
export const changeManagementModuleGithub = createBackendModule({
  pluginId: 'change-management',
  moduleId: 'github',
  register(reg) {
    reg.registerInit({
      deps: {
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        events: eventsServiceRef,
        logger: coreServices.logger,
        pullRequests: changePullRequestReaderExtensionPoint,
      },
      async init({ auth, config, discovery, events, logger, pullRequests }) {
        const octokitFor = createOctokitFactory(config);
        if (
          config.getOptionalBoolean(
            'changeManagement.github.verifyPullRequests',
          )
        ) {
          pullRequests.setPullRequestReader(
            new GithubPullRequestReader(
              ScmIntegrations.fromConfig(config),
              octokitFor,
            ),
          );
        }
        const environments = readGatedEnvironments(config);
        const gate = new GateClient({ auth, discovery });
        const deploymentGate = new DeploymentGate({
          environments,
          gate,
          octokitFor,
          appBaseUrl: config.getString('app.baseUrl'),
          logger,
        });
        await events.subscribe({
          id: 'change-management-github-deployment-gate',
          topics: [DEPLOYMENT_PROTECTION_RULE_TOPIC],
          async onEvent(params) {
            try {
              await deploymentGate.onProtectionRule(
                params.eventPayload as DeploymentProtectionRuleEvent,
              );
            } catch (error) {
              // GitHub holds the deployment until answered; a later
              // re-run of the job asks again.
              logger.error(
                `Could not answer a deployment protection rule: ${error}`,
              );
            }
          },
        });
        // Deploys are recorded only where pipelines may record them.
        if (config.getOptionalBoolean('changeManagement.ci.allowRecording')) {
          const recorder = new DeploymentRecorder({
            environments,
            gate,
            octokitFor,
            logger,
          });
          await events.subscribe({
            id: 'change-management-github-deployment-recorder',
            topics: [DEPLOYMENT_STATUS_TOPIC],
            async onEvent(params) {
              try {
                await recorder.onDeploymentStatus(
                  params.eventPayload as DeploymentStatusEvent,
                );
              } catch (error) {
                logger.error(`Could not record a deployment: ${error}`);
              }
            },
          });
        }
      },
    });
  },
});
