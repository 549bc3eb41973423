import { randomUUID } from 'node:crypto';
import { actionFields } from '../__testUtils__/changes';
import { changeIn } from '../__testUtils__/changeIn';
import { installTestMeter } from '../__testUtils__/metricReader';
import { startWithClock } from '../__testUtils__/reminders';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { VERIFY_TASK_ID } from '../service/verifyChainTask';

jest.setTimeout(60_000);

/** A blackout of the payments System, over the workflow's first day. */
const MIGRATION = {
  start: '2026-06-10T00:00:00.000Z',
  end: '2026-06-11T00:00:00.000Z',
  reason: 'Payments database migration',
};

/** 12 h before the verification is due, 24 h after a deploy at the end. */
const VERIFICATION_REMINDER = '2026-06-11T12:00:00.000Z';

/**
 * The counters ops watch, read through an OpenTelemetry SDK after a
 * workflow run on the real plugin: each exactly once per thing counted.
 */
describe('the metrics', () => {
  const databases = createTestDatabases();
  let meter: ReturnType<typeof installTestMeter>;
  beforeEach(() => {
    meter = installTestMeter();
  });
  afterEach(async () => {
    await meter.uninstall();
  });

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it('count a workflow run: actions, refusals, gate answers, reminders, export rows and verifications', async () => {
      const h = await startWithClock({
        knex: await databases.init(databaseId),
        now: '2026-06-10T12:00:00.000Z',
        changeManagement: {
          roles: { cto: ['group:default/cto'] },
          blackouts: [{ entityRef: 'system:default/payments', ...MIGRATION }],
        },
      });
      const ready = await changeIn(h, 'standard', 'ready_for_production');
      const gate = async () =>
        (await h.as('alice').get(`/gate?changeId=${ready.id}`)).body.allowed;
      const deploy = (version: number) =>
        h.as('alice').post(`/changes/${ready.id}/actions`, {
          action: 'deploy',
          version,
          ...actionFields.deploy,
        });

      expect(await gate()).toBe(false);
      const frozen = await deploy(ready.version);
      expect(frozen.status).toBe(409);
      expect(frozen.body.error.name).toBe('FreezeError');
      const stale = await deploy(ready.version - 1);
      expect(stale.body.error.name).toBe('StaleVersionError');
      // Reads are not refusals of the workflow: a 404 is not counted.
      const missing = await h.as('alice').get(`/changes/${randomUUID()}`);
      expect(missing.status).toBe(404);

      h.clock.set(MIGRATION.end);
      expect(await gate()).toBe(true);
      await h.act('alice', ready.id, 'deploy', actionFields.deploy);

      h.clock.set(VERIFICATION_REMINDER);
      await h.runClock();
      await h.runClock(); // sent once: the second pass finds it recorded

      const exported = await h
        .as('alice')
        .get('/export?from=2026-06-01T00:00:00Z&to=2026-07-01T00:00:00Z');
      expect(exported.status).toBe(200);

      expect((await h.as('oscar').get('/audit/verify')).body.ok).toBe(true);
      await h.task(VERIFY_TASK_ID).fn(new AbortController().signal);
      await h.drain(); // the checkpoint's event
      if (databaseId.startsWith('POSTGRES')) {
        await h.knex.raw(
          'ALTER TABLE change_events DISABLE TRIGGER change_events_append_only',
        );
      }
      await h
        .knex('change_events')
        .where({ change_id: ready.id, action: 'review' })
        .update({ actor: 'user:default/mallory' });
      expect((await h.as('oscar').get('/audit/verify')).body.ok).toBe(false);

      expect(await meter.scrape()).toEqual({
        'change_management.actions': {
          'action=create,change_type=standard': 1,
          'action=submit,change_type=standard': 1,
          'action=review,change_type=standard': 1,
          'action=approve,change_type=standard': 1,
          'action=record-staging,change_type=standard': 1,
          'action=sign-off,change_type=standard': 1,
          'action=deploy,change_type=standard': 1,
        },
        // Every side effect went through the outbox, which is empty again:
        // a notices row per action that told somebody (submit, review,
        // approve, record-staging, sign-off, deploy) and the reminder's; an
        // event and a signal per action (create too); the checkpoint's event.
        'change_management.outbox.depth': { '': 0 },
        'change_management.outbox.oldest_age': { '': 0 },
        'change_management.outbox.sends': {
          'kind=action-notices': 6,
          'kind=notices': 1,
          'kind=change-event': 7,
          'kind=change-signal': 7,
          'kind=checkpoint-event': 1,
        },
        'change_management.refusals': {
          'error.type=FreezeError': 1,
          'error.type=StaleVersionError': 1,
        },
        'change_management.gate.answers': {
          'environment=production,result=refused': 1,
          'environment=production,result=allowed': 1,
        },
        'change_management.reminders.sent': {
          'clock=verification,threshold=reminder': 1,
        },
        'change_management.export.rows': { '': 1 },
        'change_management.verification.runs': {
          'result=ok': 2,
          'result=failed': 1,
          'result=error': 0,
        },
        'change_management.verification.duration': {
          'result=ok': 2,
          'result=failed': 1,
        },
      });
    });
  });
});
