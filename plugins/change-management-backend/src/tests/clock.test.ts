import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';
import { DatabaseOutboxStore } from '../database/DatabaseOutboxStore';
import { DatabaseReminderStore } from '../database/DatabaseReminderStore';
import { ChangeManagementMetrics } from '../service/ChangeManagementMetrics';
import { ChangeNotifier } from '../service/ChangeNotifier';
import { CtoRoleHolders } from '../service/CtoRoleHolders';
import { OutboxDelivery } from '../service/OutboxDelivery';
import { outboxHandlers } from '../service/outboxHandlers';
import { RemindersTask } from '../service/RemindersTask';
import { readChangeManagementConfig } from '../service/config';
import { sampleEntities } from '../__testUtils__/sampleCatalog';
import { actionFields } from '../__testUtils__/changes';
import { changeIn } from '../__testUtils__/changeIn';
import {
  clockEvents,
  ClockHarness,
  sentSince,
  startWithClock,
} from '../__testUtils__/reminders';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { quietPublisher } from '../__testUtils__/publisher';

jest.setTimeout(60_000);

const DEPLOYED = '2026-06-10T10:00:00.000Z';
const HOUR = 3_600_000;
const plus = (iso: string, ms: number) =>
  new Date(Date.parse(iso) + ms).toISOString();

/** Due 48 h after the deploy; reminded 12 h before that. */
const RETRO_DUE = plus(DEPLOYED, 48 * HOUR);
const RETRO_REMIND = plus(RETRO_DUE, -12 * HOUR);

const ALICE = 'user:default/alice';
const CAROL = 'user:default/carol';

/** The 48-hour clock and the verification clock, through the real plugin. */
describe('the clock', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    const start = async (changeManagement?: Record<string, unknown>) =>
      startWithClock({
        knex: await databases.init(databaseId),
        changeManagement: {
          roles: { cto: ['group:default/cto'] },
          ...changeManagement,
        },
      });

    const deployed = async (
      h: ClockHarness,
      type: 'standard' | 'emergency',
    ) => {
      h.clock.set(DEPLOYED);
      return changeIn(h, type, 'deployed');
    };

    /**
     * An emergency deployed and verified at DEPLOYED, as the SOP has it: only
     * its retrospective is owed, so only the retrospective clock runs (an
     * unverified one runs the verification clock as well).
     */
    const emergency = async (h: ClockHarness) => {
      h.clock.set(DEPLOYED);
      return changeIn(h, 'emergency', 'verified');
    };

    /** Runs the clock at a time; returns what it sent. */
    const runAt = async (h: ClockHarness, iso: string) => {
      const before = h.sent.length;
      h.clock.set(iso);
      await h.runClock();
      return sentSince(h, before);
    };

    it('is registered as a global task at the configured frequency', async () => {
      const h = await start({ reminders: { frequency: '15m' } });
      const task = h.task();
      expect(task.scope).toBe('global');
      expect(durationToMilliseconds(task.frequency as HumanDuration)).toBe(
        900_000,
      );

      const byDefault = (await start()).task();
      expect(durationToMilliseconds(byDefault.frequency as HumanDuration)).toBe(
        300_000,
      );
    });

    it('reminds the author once, from 12 h before the retrospective is due', async () => {
      const h = await start();
      const change = await emergency(h);

      expect(await runAt(h, plus(RETRO_REMIND, -1))).toEqual([]);
      expect(await runAt(h, RETRO_REMIND)).toEqual([
        [[ALICE], 'high', `Retrospective due soon: ${change.title}`],
      ]);
      expect(await runAt(h, plus(RETRO_REMIND, HOUR))).toEqual([]);

      const events = await clockEvents(h, change.id);
      expect(events).toEqual([
        expect.objectContaining({
          action: 'reminder-sent',
          fromState: 'verified',
          toState: 'verified',
          at: RETRO_REMIND,
          fields: {
            clock: 'retrospective',
            threshold: 'reminder',
            dueAt: RETRO_DUE,
            notified: [ALICE],
          },
        }),
      ]);
      // The reminder does not touch the change itself.
      const now = await h.as('oscar').get(`/changes/${change.id}`);
      expect(now.body).toMatchObject({
        version: change.version,
        overdue: false,
      });
    });

    it('escalates to the CTO at exactly the due time, not a millisecond before', async () => {
      const h = await start();
      const change = await emergency(h);
      const overdue = async () =>
        (await h.as('oscar').get(`/changes/${change.id}`)).body.overdue;

      // The plugin was down for the reminder: at 1 ms before, it reminds.
      expect(await runAt(h, plus(RETRO_DUE, -1))).toEqual([
        [[ALICE], 'high', `Retrospective due soon: ${change.title}`],
      ]);
      expect(await overdue()).toBe(false);

      expect(await runAt(h, RETRO_DUE)).toEqual([
        [[CAROL], 'critical', `Retrospective overdue: ${change.title}`],
        [[ALICE], 'high', `Your retrospective is overdue: ${change.title}`],
      ]);
      expect(await overdue()).toBe(true);
      expect((await clockEvents(h, change.id)).map(e => e.action)).toEqual([
        'reminder-sent',
        'retrospective-overdue',
      ]);
      const [, escalation] = await clockEvents(h, change.id);
      expect(escalation).toMatchObject({
        at: RETRO_DUE,
        fields: { threshold: 'overdue', notified: [ALICE, CAROL] },
      });
      // The system events join the one hash chain.
      const verify = await h.as('carol').get('/audit/verify');
      expect(verify.body).toMatchObject({ ok: true });
    });

    it('sends no reminder once the due time has passed, only the escalation', async () => {
      const h = await start();
      const change = await emergency(h);
      expect(await runAt(h, plus(RETRO_DUE, HOUR))).toEqual([
        [[CAROL], 'critical', `Retrospective overdue: ${change.title}`],
        [[ALICE], 'high', `Your retrospective is overdue: ${change.title}`],
      ]);
      expect((await clockEvents(h, change.id)).map(e => e.action)).toEqual([
        'retrospective-overdue',
      ]);
    });

    it('sends nothing twice after a restart on the same database', async () => {
      const knex = await databases.init(databaseId);
      const first = await startWithClock({ knex });
      const change = await emergency(first);
      expect(await runAt(first, RETRO_REMIND)).toHaveLength(1);
      expect(await runAt(first, RETRO_DUE)).toHaveLength(2);
      const rows = await first.count('change_reminders');
      expect(rows).toBe(2);

      const second = await startWithClock({ knex });
      expect(await runAt(second, RETRO_DUE)).toEqual([]);
      expect(await runAt(second, plus(RETRO_DUE, 24 * HOUR))).toEqual([]);
      expect(await second.count('change_reminders')).toBe(rows);
      expect(await clockEvents(second, change.id)).toHaveLength(2);
    });

    it('sends nothing for a retrospective documented in time', async () => {
      const h = await start();
      const change = await deployed(h, 'emergency');
      h.clock.set(plus(DEPLOYED, HOUR));
      await h.act('alice', change.id, 'verify', actionFields.verify);
      await h.act(
        'alice',
        change.id,
        'document-retrospective',
        actionFields['document-retrospective'],
      );
      for (const time of [RETRO_REMIND, RETRO_DUE, plus(RETRO_DUE, HOUR)]) {
        expect(await runAt(h, time)).toEqual([]);
      }
      expect(await clockEvents(h, change.id)).toEqual([]);
      expect(await h.count('change_reminders')).toBe(0);
    });

    it('does not escalate a retrospective documented after the reminder but in time', async () => {
      const h = await start();
      const change = await emergency(h);
      await runAt(h, RETRO_REMIND);
      h.clock.set(plus(RETRO_DUE, -1));
      const documented = await h.act(
        'alice',
        change.id,
        'document-retrospective',
        actionFields['document-retrospective'],
      );
      expect(documented.retrospective.late).toBe(false);
      expect(await runAt(h, RETRO_DUE)).toEqual([]);
      expect((await clockEvents(h, change.id)).map(e => e.action)).toEqual([
        'reminder-sent',
      ]);
    });

    // An emergency too: the SOP has it "deployed and verified in production"
    // (docs/workflow.md, "What is owed, and when it is overdue").
    it.each(['standard', 'emergency'] as const)(
      'chases an unverified %s deploy by the configured times',
      async type => {
        const h = await start({
          reminders: { remindBefore: '1h', verificationDueAfter: { hours: 3 } },
        });
        const change = await deployed(h, type);
        const verified = await deployed(h, type);
        await h.act('alice', verified.id, 'verify', actionFields.verify);

        expect(await runAt(h, plus(DEPLOYED, 2 * HOUR - 1))).toEqual([]);
        expect(await runAt(h, plus(DEPLOYED, 2 * HOUR))).toEqual([
          [[ALICE], 'normal', `Verification due soon: ${change.title}`],
        ]);
        expect(await runAt(h, plus(DEPLOYED, 3 * HOUR - 1))).toEqual([]);
        expect(await runAt(h, plus(DEPLOYED, 3 * HOUR))).toEqual([
          [[CAROL], 'critical', `Verification overdue: ${change.title}`],
          [[ALICE], 'high', `Your verification is overdue: ${change.title}`],
        ]);
        expect(await clockEvents(h, change.id)).toEqual([
          expect.objectContaining({
            action: 'reminder-sent',
            fields: expect.objectContaining({
              clock: 'verification',
              threshold: 'reminder',
              dueAt: plus(DEPLOYED, 3 * HOUR),
            }),
          }),
          expect.objectContaining({
            action: 'verification-overdue',
            fromState: 'deployed',
            toState: 'deployed',
            actor: 'plugin:change-management',
          }),
        ]);
        expect(await clockEvents(h, verified.id)).toEqual([]);
        // Verified late, it is recorded as usual.
        await h.act('alice', change.id, 'verify', actionFields.verify);
      },
    );

    it('records the escalation even with its notifications switched off', async () => {
      const h = await start({ notifications: { overdue: false } });
      const change = await emergency(h);
      expect(await runAt(h, RETRO_DUE)).toEqual([]);
      expect(await clockEvents(h, change.id)).toEqual([
        expect.objectContaining({
          action: 'retrospective-overdue',
          fields: expect.objectContaining({ notified: [] }),
        }),
      ]);
    });

    it('reads the changes in batches, each change once, when run directly', async () => {
      const h = await start();
      const ids = [];
      for (let i = 0; i < 5; i++) {
        ids.push((await emergency(h)).id);
      }
      const store = await DatabaseReminderStore.create({
        database: mockServices.database({ knex: h.knex }),
      });
      const listPending = jest.spyOn(store, 'listPending');
      const send = jest.fn(async () => {});
      const logger = mockServices.logger.mock();
      const config = readChangeManagementConfig(
        new ConfigReader({ changeManagement: { roles: { cto: [] } } }),
      );
      const catalog = catalogServiceMock({ entities: sampleEntities });
      const auth = mockServices.auth();
      const notifier = new ChangeNotifier(
        { send },
        catalog,
        auth,
        config,
        new CtoRoleHolders(catalog, auth, config.ctoRefs),
      );
      const clock = { now: () => new Date(RETRO_DUE) };
      const reminders = new RemindersTask(
        store,
        notifier,
        config,
        clock,
        logger,
        ChangeManagementMetrics.create(),
        2,
      );
      const outbox = new OutboxDelivery(
        new DatabaseOutboxStore(h.knex),
        outboxHandlers(notifier, quietPublisher()),
        config.outbox,
        clock,
        logger,
      );
      await expect(reminders.run()).resolves.toBe(5);
      const overdueQueries = listPending.mock.calls
        .map(([query]) => query)
        .filter(q => q.clock === 'retrospective' && q.threshold === 'overdue');
      expect(overdueQueries.map(q => q.cursor?.id)).toEqual([
        undefined,
        expect.any(String),
        expect.any(String),
      ]);
      // With no CTO configured, the author alone is told, once per change.
      expect(send).not.toHaveBeenCalled();
      await expect(outbox.drain()).resolves.toBe(5);
      expect(send).toHaveBeenCalledTimes(5);
      await expect(reminders.run()).resolves.toBe(0);
      await expect(outbox.drain()).resolves.toBe(0);
      for (const id of ids) {
        expect(await clockEvents(h, id)).toHaveLength(1);
      }
    });
  });
});
