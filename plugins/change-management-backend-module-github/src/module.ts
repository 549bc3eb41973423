import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { ScmIntegrations } from '@backstage/integration';
import {
  changeDeployRecorderExtensionPoint,
  changeOutboxExtensionPoint,
  changePullRequestReaderExtensionPoint,
} from '@trove/backstage-plugin-change-management-node';
import { readDurationFromConfig } from '@backstage/config';
import { CHANGE_EVENTS_TOPIC } from '@trove/backstage-plugin-change-management-common';
import { githubActor, readGatedEnvironments } from './config';
import { GithubPullRequestReader } from './GithubPullRequestReader';
import {
  DeploymentGate,
  DeploymentProtectionRuleEvent,
  JUDGE_KIND,
} from './DeploymentGate';
import { CALLBACK_KIND, DeploymentCallback } from './DeploymentCallback';
import { DeploymentRequestStore } from './DeploymentRequestStore';
import { HeldDeployments, RECHECK_TASK_ID } from './HeldDeployments';
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
        database: coreServices.database,
        deploys: changeDeployRecorderExtensionPoint,
        discovery: coreServices.discovery,
        events: eventsServiceRef,
        logger: coreServices.logger,
        outbox: changeOutboxExtensionPoint,
        pullRequests: changePullRequestReaderExtensionPoint,
        scheduler: coreServices.scheduler,
      },
      async init({
        auth,
        config,
        database,
        deploys,
        discovery,
        events,
        logger,
        outbox,
        pullRequests,
        scheduler,
      }) {
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
        // The webhook records the request; the plugin's outbox judges it
        // and answers GitHub, with its retries.
        const store = await DeploymentRequestStore.create(database);
        const deploymentGate = new DeploymentGate({
          environments,
          gate,
          octokitFor,
          store,
          outbox: outbox.outbox,
          appBaseUrl: config.getString('app.baseUrl'),
          logger,
        });
        const callback = new DeploymentCallback({ store, octokitFor, logger });
        outbox.addHandler(JUDGE_KIND, ({ requestId }) =>
          deploymentGate.judge(requestId),
        );
        outbox.addHandler(CALLBACK_KIND, answer => callback.send(answer));
        const held = new HeldDeployments({
          store,
          gate: deploymentGate,
          outbox: outbox.outbox,
          logger,
        });
        await events.subscribe({
          id: 'change-management-github-held-deployments',
          topics: [CHANGE_EVENTS_TOPIC],
          async onEvent(params) {
            await held.onChangeEvent(params.eventPayload as { id?: string });
          },
        });
        // Global: one replica re-checks, however many run.
        await scheduler.scheduleTask({
          id: RECHECK_TASK_ID,
          scope: 'global',
          frequency: config.has('changeManagement.github.recheckFrequency')
            ? readDurationFromConfig(config, {
                key: 'changeManagement.github.recheckFrequency',
              })
            : { minutes: 1 },
          timeout: { minutes: 5 },
          initialDelay: { minutes: 1 },
          fn: () => held.recheck(),
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
              // Not recorded: GitHub holds the deployment until a
              // redelivery of the webhook or a re-run of the job.
              logger.error(
                `Could not record a deployment protection rule: ${error}`,
              );
            }
          },
        });
        // Deploys are recorded only where pipelines may record them.
        if (config.getOptionalBoolean('changeManagement.ci.allowRecording')) {
          const integrations = ScmIntegrations.fromConfig(config);
          const recorder = new DeploymentRecorder({
            environments,
            gate,
            deploys: deploys.deploys,
            actorOf: gated => githubActor(integrations, gated),
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
