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
import { createOctokitFactory } from './githubClient';

/** The topic of GitHub's webhook, as the events backend's GitHub module routes it. */
export const DEPLOYMENT_PROTECTION_RULE_TOPIC =
  'github.deployment_protection_rule';

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
        const deploymentGate = new DeploymentGate({
          environments: readGatedEnvironments(config),
          gate: new GateClient({ auth, discovery }),
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
      },
    });
  },
});
