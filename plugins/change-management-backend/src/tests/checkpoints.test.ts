import {
  coreServices,
  createBackendPlugin,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { auditorsOnly } from '../__testUtils__/auditPermissions';
import { drafts } from '../__testUtils__/changes';
import { startChangeManagement } from '../__testUtils__/harness';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { readVerifySchedule, VERIFY_TASK_ID } from '../service/verifyChainTask';

jest.setTimeout(60_000);

describe('nightly verification and checkpoints', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    /** The plugin, with a hand on the scheduler to run the task now. */
    const setup = async () => {
      let scheduler: SchedulerService | undefined;
      const h = await startChangeManagement({
        knex: await databases.init(databaseId),
        extraFeatures: [
          createBackendPlugin({
            pluginId: 'scheduler-handle',
            register(env) {
              env.registerInit({
                deps: { s: coreServices.scheduler },
                async init({ s }) {
                  scheduler = s;
                },
              });
            },
          }),
        ],
      });
      const night = async () => scheduler!.triggerTask(VERIFY_TASK_ID);
      const checkpoints = async () =>
        (await h.as('oscar').get('/audit/checkpoints')).body.items;
      return { h, night, checkpoints };
    };

    it('records the head each night that it moved, newest first', async () => {
      const { h, night, checkpoints } = await setup();
      // The task also ran at start-up, on an empty trail: no checkpoint.
      expect(await checkpoints()).toEqual([]);

      const { body } = await h.as('alice').post('/changes', drafts.standard);
      h.clock.set('2026-06-11T02:00:00.000Z');
      await night();
      const [first] = await h.knex('change_events').orderBy('seq');
      expect(await checkpoints()).toEqual([
        {
          eventId: first.id,
          seq: Number(first.seq),
          hash: first.hash,
          at: '2026-06-10T09:00:00.000Z',
          createdAt: '2026-06-11T02:00:00.000Z',
        },
      ]);

      // A quiet night adds none; the next action's night does.
      h.clock.set('2026-06-12T02:00:00.000Z');
      await night();
      expect(await checkpoints()).toHaveLength(1);
      await h.act('alice', body.id, 'submit');
      h.clock.set('2026-06-13T02:00:00.000Z');
      await night();
      const listed = await checkpoints();
      expect(listed.map((c: { createdAt: string }) => c.createdAt)).toEqual([
        '2026-06-13T02:00:00.000Z',
        '2026-06-11T02:00:00.000Z',
      ]);
      expect((await h.as('oscar').get('/audit/verify')).body).toMatchObject({
        ok: true,
        checked: 2,
        head: { eventId: listed[0].eventId, hash: listed[0].hash },
      });
      expect(h.sent.map(n => n.payload.severity)).not.toContain('critical');
    });

    it('notifies the CTO role when the night finds the trail edited', async () => {
      const { h, night, checkpoints } = await setup();
      const { body } = await h.as('alice').post('/changes', drafts.standard);
      await h
        .knex('changes')
        .where({ id: body.id })
        .update({ state: 'approved' });
      await night();
      await h.drain();
      expect(h.sent).toEqual([
        {
          recipients: { type: 'entity', entityRef: ['user:default/carol'] },
          payload: expect.objectContaining({
            severity: 'critical',
            link: '/change-management/audit',
            description: expect.stringContaining(body.id),
          }),
        },
      ]);
      // The chain itself is sound, so its head is still recorded.
      expect(await checkpoints()).toHaveLength(1);
    });

    it('notifies of a failed verification through the outbox: after a failed send, and once per failure', async () => {
      const { h, night } = await setup();
      const { body } = await h.as('alice').post('/changes', drafts.standard);
      await h
        .knex('changes')
        .where({ id: body.id })
        .update({ state: 'approved' });
      h.failSends(1);
      await night();
      await h.drain();
      expect(h.sent).toEqual([]);
      const [row] = await h
        .knex('change_outbox')
        .where({ kind: 'verification-failed' });
      expect(row).toMatchObject({
        attempts: 1,
        last_error: expect.stringContaining('notifications backend is down'),
      });

      // The next attempt, after its backoff, goes.
      h.clock.set('2026-06-10T09:00:05.000Z');
      await h.drain();
      expect(h.sent).toEqual([
        {
          recipients: { type: 'entity', entityRef: ['user:default/carol'] },
          payload: expect.objectContaining({
            severity: 'critical',
            description: expect.stringContaining(body.id),
            scope: `change-management:${row.event_id}:verification`,
          }),
        },
      ]);

      // The same failure, found again (or by another replica), is not told
      // twice; another one is.
      await night();
      await h.drain();
      expect(h.sent).toHaveLength(1);
      await h
        .knex('changes')
        .where({ id: body.id })
        .update({ title: 'Edited' });
      await night();
      await h.drain();
      expect(h.sent).toHaveLength(2);
    });

    if (databaseId.startsWith('POSTGRES')) {
      it('refuses to change or remove a checkpoint', async () => {
        const { h, night } = await setup();
        await h.as('alice').post('/changes', drafts.standard);
        await night();
        await expect(
          h.knex('change_chain_checkpoints').delete(),
        ).rejects.toThrow(/change_chain_checkpoints is append-only: DELETE/);
        await expect(
          h.knex('change_chain_checkpoints').update({ hash: '0'.repeat(64) }),
        ).rejects.toThrow(/append-only: UPDATE/);
        await expect(
          h.knex.raw('TRUNCATE change_chain_checkpoints'),
        ).rejects.toThrow(/append-only: TRUNCATE/);
      });
    }
  });

  it.each(databases.eachSupportedId())(
    '%p: keeps the trail from whom the policy refuses the audit evidence',
    async databaseId => {
      const h = await startChangeManagement({
        knex: await databases.init(databaseId),
        extraFeatures: [auditorsOnly],
      });
      for (const path of ['/audit/verify', '/audit/checkpoints']) {
        const refused = await h.as('alice').get(path);
        expect(refused.status).toBe(403);
        expect(refused.body.error.name).toBe('NotAllowedError');
        expect((await h.as('carol').get(path)).status).toBe(200);
      }
    },
  );

  it('runs nightly by default, or on the configured schedule', () => {
    expect(readVerifySchedule(new ConfigReader({}))).toEqual({
      frequency: { cron: '0 2 * * *' },
      timeout: { hours: 2 },
    });
    expect(
      readVerifySchedule(
        new ConfigReader({
          changeManagement: {
            audit: {
              verifySchedule: {
                frequency: { cron: '30 3 * * *' },
                timeout: { minutes: 30 },
              },
            },
          },
        }),
      ),
    ).toMatchObject({
      frequency: { cron: '30 3 * * *' },
      timeout: { minutes: 30 },
    });
  });
});
