/* eslint-disable @backstage/no-relative-monorepo-imports -- the tests drive the
   real backend with its own harness */
import { mockServices } from '@backstage/backend-test-utils';
import { SchedulerServiceTaskInvocationDefinition } from '@backstage/backend-plugin-api';
import eventsPlugin from '@backstage/plugin-events-backend';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import { Knex } from 'knex';
import request from 'supertest';
import {
  Harness,
  startChangeManagement,
} from '../../../change-management-backend/src/__testUtils__/harness';
import { changeManagementModuleGithub } from '../module';
import { githubEventsModules } from './githubEventsModules';
import { signedWebhook, WEBHOOK_SECRET } from './githubFake';

/**
 * The plugin and the GitHub module in a test backend, with the events
 * backend's signed GitHub ingress, gating acme/payments-service's
 * production environment. Its scheduler only records the tasks, which the
 * test runs itself (`runTask`).
 */
export async function startWithGithub(options: {
  knex: Knex;
  /** The events backend's own database. */
  eventsKnex: Knex;
  now?: string;
  allowRecording?: boolean;
}) {
  const tasks = new Map<string, SchedulerServiceTaskInvocationDefinition>();
  const scheduler = mockServices.scheduler.mock({
    async scheduleTask(task) {
      tasks.set(task.id, task);
    },
  });
  const h = await startChangeManagement({
    knex: options.knex,
    // On PostgreSQL the events backend would start its bus in the plugin's
    // database, which the test does not use.
    otherDatabases: { events: options.eventsKnex },
    now: options.now,
    changeManagement: {
      roles: { cto: ['group:default/cto'] },
      ci: { allowRecording: options.allowRecording ?? false },
      github: {
        environments: [
          { repository: 'acme/payments-service', environment: 'production' },
        ],
      },
    },
    config: {
      app: { baseUrl: 'https://backstage.example.com' },
      integrations: {
        github: [{ host: 'github.com', token: 'ghs_test_token' }],
      },
      events: {
        useEventBus: 'never',
        modules: { github: { webhookSecret: WEBHOOK_SECRET } },
      },
    },
    extraFeatures: [
      eventsServiceFactory,
      eventsPlugin,
      ...githubEventsModules(),
      scheduler.factory,
      changeManagementModuleGithub,
    ],
  });
  return {
    ...h,
    /** Runs a scheduled task once, as the scheduler would. */
    runTask: (id: string) =>
      tasks.get(id)!.fn(new AbortController().signal as any),
    scheduledTask: (id: string) => tasks.get(id),
  };
}

export type GithubHarness = Awaited<ReturnType<typeof startWithGithub>>;

/**
 * GitHub delivers a webhook to the events backend's HTTP ingress; the
 * outbox then judges it and answers.
 */
export async function deliver(
  h: Harness,
  webhook: ReturnType<typeof signedWebhook>,
) {
  const res = await request(h.server)
    .post('/api/events/http/github')
    .set(webhook.headers)
    .send(webhook.text);
  await h.drain();
  return res;
}
