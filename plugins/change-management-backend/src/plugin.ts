import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { changeManagementPermissions } from '@trove/backstage-plugin-change-management-common';
import {
  ChangeRiskFactor,
  changePermissionResourceRef,
  changePermissionRules,
  changeRiskFactorsExtensionPoint,
} from '@trove/backstage-plugin-change-management-node';
import { registerChangeActions } from './actions';
import { DatabaseChainStore } from './database/DatabaseChainStore';
import { DatabaseChangeStore } from './database/DatabaseChangeStore';
import { DatabaseOutboxStore } from './database/DatabaseOutboxStore';
import { DatabaseLockdownStore } from './database/DatabaseLockdownStore';
import { PullRequestStore } from './database/PullRequestStore';
import { DatabaseReminderStore } from './database/DatabaseReminderStore';
import { AuditTrailService } from './service/AuditTrailService';
import { ChainVerificationService } from './service/ChainVerificationService';
import {
  readVerifySchedule,
  scheduleChainVerification,
} from './service/verifyChainTask';
import { AuditEvidenceService } from './service/AuditEvidenceService';
import { AuditExceptionsService } from './service/AuditExceptionsService';
import { ChangeAccessService } from './service/ChangeAccessService';
import { ChangeLogService } from './service/ChangeLogService';
import { ChangeManagementMetrics } from './service/ChangeManagementMetrics';
import { ChangeNotifier } from './service/ChangeNotifier';
import { CtoRoleHolders } from './service/CtoRoleHolders';
import { ChangePublisher } from './service/ChangePublisher';
import { CheckpointSigner } from './service/CheckpointSigner';
import { RecentEntities } from './service/RecentEntities';
import {
  readRollupSchedule,
  scheduleMetricRollups,
} from './service/metricRollupsTask';
import { RemindersTask, REMINDERS_TASK_ID } from './service/RemindersTask';
import { ChangeService } from './service/ChangeService';
import { RiskService } from './service/RiskService';
import { changeManagementClockServiceRef } from './service/Clock';
import { OutboxDelivery } from './service/OutboxDelivery';
import { outboxHandlers } from './service/outboxHandlers';
import { changeManagementOutboxServiceRef } from './service/OutboxLoops';
import { readChangeManagementConfig } from './service/config';
import { Actors } from './service/Actors';
import { BlackoutCalendar } from './service/BlackoutCalendar';
import { LockdownService } from './service/LockdownService';
import {
  PullRequestService,
  readPullRequestRules,
} from './service/PullRequestService';
import { FreezeService } from './service/FreezeService';
import { GateService } from './service/GateService';
import { LandscapeService } from './service/LandscapeService';
import { SummaryService } from './service/SummaryService';
import { MetricsService } from './service/MetricsService';
import { createRouter } from './service/router';
import {
  changeDeployRecorderExtensionPoint,
  ChangePullRequestReader,
  changeOutboxExtensionPoint,
  changePullRequestReaderExtensionPoint,
} from '@trove/backstage-plugin-change-management-node';
import { ModuleDeploys } from './service/ModuleDeploys';
import { ModuleOutbox } from './service/ModuleOutbox';

/**
 * The change-management backend plugin: stores changes, enforces the
 * Change Management SOP and serves `/api/change-management`.
 *
 * @public
 */
export const changeManagementPlugin = createBackendPlugin({
  pluginId: 'change-management',
  register(env) {
    // Issue 24: modules add their own risk factors here.
    const riskFactors: ChangeRiskFactor[] = [];
    env.registerExtensionPoint(changeRiskFactorsExtensionPoint, {
      addRiskFactor(...factors) {
        riskFactors.push(...factors);
      },
    });
    // Issue 20: a module (the GitHub one) reads the linked pull request.
    let pullRequestReader: ChangePullRequestReader | undefined;
    env.registerExtensionPoint(changePullRequestReaderExtensionPoint, {
      setPullRequestReader(reader) {
        pullRequestReader = reader;
      },
    });
    // Issue 20: modules add kinds of outbox row (the GitHub module's
    // deployment callbacks) and write them.
    const moduleOutbox = new ModuleOutbox();
    env.registerExtensionPoint(
      changeOutboxExtensionPoint,
      moduleOutbox.extensionPoint,
    );
    // Issue 20: a module records the deploys a system reports (GitHub's
    // deployment_status) under that system's name.
    const moduleDeploys = new ModuleDeploys();
    env.registerExtensionPoint(
      changeDeployRecorderExtensionPoint,
      moduleDeploys.extensionPoint,
    );
    env.registerInit({
      deps: {
        actionsRegistry: actionsRegistryServiceRef,
        auditor: coreServices.auditor,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        clock: changeManagementClockServiceRef,
        outboxLoops: changeManagementOutboxServiceRef,
        config: coreServices.rootConfig,
        database: coreServices.database,
        events: eventsServiceRef,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        lifecycle: coreServices.lifecycle,
        logger: coreServices.logger,
        notifications: notificationService,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        signals: signalsServiceRef,
        userInfo: coreServices.userInfo,
      },
      async init(deps) {
        const config = readChangeManagementConfig(deps.config);
        // After instrumentation.js registered the SDK, if the app has one.
        const metrics = ChangeManagementMetrics.create();
        const store = await DatabaseChangeStore.create({
          database: deps.database,
        });
        deps.permissionsRegistry.addResourceType({
          resourceRef: changePermissionResourceRef,
          permissions: changeManagementPermissions,
          rules: Object.values(changePermissionRules),
          getResources: ids => store.getPermissionResources(ids),
        });
        const access = new ChangeAccessService(
          deps.permissions,
          config,
          deps.permissionsRegistry.getPermissionRuleset(
            changePermissionResourceRef,
          ),
          deps.clock,
        );
        // A change's page and its gate ask about the same Systems; a CTO's
        // every request, about the CTO groups.
        const recentEntities = new RecentEntities(
          deps.catalog,
          deps.clock,
          5_000,
        );
        const ctoHolders = new CtoRoleHolders(
          recentEntities,
          deps.auth,
          config.ctoRefs,
        );
        const actors = new Actors(deps.auth, deps.userInfo, config, ctoHolders);
        const blackouts = new BlackoutCalendar(
          config.blackouts,
          recentEntities,
        );
        // Issue 24: the CTO's lockdowns, behind the one deploy verdict.
        const lockdowns = new LockdownService(
          new DatabaseLockdownStore(await deps.database.getClient()),
          blackouts,
          deps.catalog,
          deps.auth,
          deps.clock,
        );
        const freeze = new FreezeService(
          config,
          deps.clock,
          blackouts,
          deps.catalog,
          deps.auth,
          lockdowns,
        );
        const notifier = new ChangeNotifier(
          deps.notifications,
          deps.catalog,
          deps.auth,
          config,
          ctoHolders,
          recentEntities,
        );
        // Every replica delivers the outbox, from start-up until shutdown.
        const outboxStore = new DatabaseOutboxStore(
          await deps.database.getClient(),
        );
        const pluginHandlers = outboxHandlers(
          notifier,
          new ChangePublisher(deps.events, deps.signals),
        );
        const outbox = new OutboxDelivery(
          outboxStore,
          {
            ...moduleOutbox.handlers(Object.keys(pluginHandlers)),
            ...pluginHandlers,
          },
          config.outbox,
          deps.clock,
          deps.logger,
          {
            delivered: entry => metrics.recordOutboxSend(entry.kind),
            failed: entry => metrics.recordOutboxFailure(entry.kind),
            // The last attempt failed too.
            dead: entry => {
              metrics.recordOutboxFailure(entry.kind);
              metrics.recordOutboxDead(entry.kind);
            },
          },
        );
        deps.outboxLoops.add(outbox);
        moduleOutbox.start(outboxStore, outbox, deps.clock);
        deps.lifecycle.addStartupHook(() => outbox.start());
        deps.lifecycle.addShutdownHook(() => outbox.stop());
        // What ops watch of the outbox: its depth and the age of its oldest
        // row, read at each scrape.
        const stopObserving = metrics.observeOutbox({
          depth: async () => (await outboxStore.depth()).pending,
          oldestAgeSeconds: async () => {
            const { oldestCreatedAt } = await outboxStore.depth();
            return oldestCreatedAt
              ? Math.max(
                  0,
                  (deps.clock.now().getTime() - Date.parse(oldestCreatedAt)) /
                    1000,
                )
              : 0;
          },
        });
        deps.lifecycle.addShutdownHook(stopObserving);
        const landscape = new LandscapeService(
          store,
          deps.catalog,
          deps.auth,
          access,
          blackouts,
          config,
          lockdowns,
        );
        const risk = new RiskService(
          store,
          deps.catalog,
          recentEntities,
          deps.auth,
          landscape,
          config,
          deps.clock,
          deps.logger,
          riskFactors,
        );
        const pullRequests = new PullRequestService(
          store,
          new PullRequestStore(await deps.database.getClient()),
          access,
          deps.catalog,
          deps.clock,
          deps.logger,
          pullRequestReader,
          readPullRequestRules(deps.config),
        );
        const changes = new ChangeService(
          store,
          deps.catalog,
          access,
          freeze,
          config,
          deps.clock,
          outbox,
          metrics,
          landscape,
          risk,
          pullRequestReader,
          pullRequests,
        );
        moduleDeploys.start({
          changes,
          store,
          auth: deps.auth,
          auditor: deps.auditor,
          metrics,
        });
        const changeLog = new ChangeLogService(
          store,
          access,
          deps.clock,
          deps.catalog,
          metrics,
        );
        const gate = new GateService(
          store,
          access,
          freeze,
          deps.clock,
          metrics,
        );
        const chainStore = new DatabaseChainStore(
          await deps.database.getClient(),
        );
        const { signingKey } = config.audit;
        const verifier = new ChainVerificationService(
          chainStore,
          config.audit.expectedHead,
          signingKey && new CheckpointSigner(signingKey),
        );
        await scheduleChainVerification({
          ...deps,
          schedule: readVerifySchedule(deps.config),
          verifier,
          metrics,
          outbox: outboxStore,
          delivery: outbox,
        });

        deps.httpRouter.use(
          await createRouter({
            actors,
            httpAuth: deps.httpAuth,
            auditor: deps.auditor,
            changes,
            changeLog,
            freeze,
            gate,
            landscape,
            lockdowns,
            risk,
            metrics,
            summary: new SummaryService(store, access, deps.clock),
            metricsService: new MetricsService(
              store,
              access,
              deps.clock,
              config.scoreWeights,
            ),
            auditTrail: new AuditTrailService(
              verifier,
              chainStore,
              access,
              metrics,
            ),
            evidence: new AuditEvidenceService(
              store,
              access,
              deps.clock,
              deps.catalog,
              config.freeze.timeZone,
            ),
            exceptions: new AuditExceptionsService(store, access, deps.clock),
            pullRequests,
          }),
        );
        registerChangeActions({ ...deps, actors, changes, gate, metrics });

        const reminders = new RemindersTask(
          await DatabaseReminderStore.create({ database: deps.database }),
          notifier,
          config,
          deps.clock,
          deps.logger,
          metrics,
        );
        // Global: however many replicas run, one of them runs each pass.
        await deps.scheduler.scheduleTask({
          id: REMINDERS_TASK_ID,
          scope: 'global',
          frequency: config.reminders.frequency,
          timeout: { minutes: 10 },
          initialDelay: config.reminders.initialDelay,
          fn: async () => {
            await reminders.run();
          },
        });
        await scheduleMetricRollups({
          scheduler: deps.scheduler,
          schedule: readRollupSchedule(deps.config),
          store,
          logger: deps.logger,
        });
        deps.httpRouter.addAuthPolicy({
          path: '/health',
          allow: 'unauthenticated',
        });
      },
    });
  },
});
