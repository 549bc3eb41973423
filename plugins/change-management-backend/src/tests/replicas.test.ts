import { TestDatabaseId } from '@backstage/backend-test-utils';
import knexFactory from 'knex';
import { changeIn } from '../__testUtils__/changeIn';
import { startWithClock } from '../__testUtils__/reminders';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

const DEPLOYED = '2026-06-10T10:00:00.000Z';
const HOUR = 3_600_000;
const plus = (iso: string, ms: number) =>
  new Date(Date.parse(iso) + ms).toISOString();

/**
 * Two backends on one PostgreSQL database, each with its own connection
 * pool, run the clock at the same moments. The test scheduler runs a task
 * whenever it is told to, with no lock between the two, so the database
 * alone has to make each reminder happen once.
 */
describe('two replicas of the clock', () => {
  const databases = createTestDatabases();
  const postgres = databases
    .eachSupportedId()
    .filter(([id]) => id.startsWith('POSTGRES'));
  const none: [TestDatabaseId][] = [['POSTGRES_15']];

  (postgres.length ? describe.each(postgres) : describe.skip.each(none))(
    '%p',
    databaseId => {
      it('send each reminder and escalation once', async () => {
        const knex = await databases.init(databaseId);
        const otherPool = knexFactory(knex.client.config);
        try {
          const a = await startWithClock({ knex });
          const b = await startWithClock({ knex: otherPool });
          a.clock.set(DEPLOYED);
          const changes = [];
          // Emergencies deployed and verified (an unverified one would run
          // both clocks): one clock each, as for the standard changes.
          for (let i = 0; i < 4; i++) {
            changes.push(await changeIn(a, 'emergency', 'verified'));
            changes.push(await changeIn(a, 'standard', 'deployed'));
          }

          const workflowNotices = a.sent.length;
          // Verification reminder and escalation (24 h), then the
          // retrospective's (48 h); each time both replicas, twice over.
          for (const hours of [12, 24, 36, 48, 60]) {
            const time = plus(DEPLOYED, hours * HOUR);
            a.clock.set(time);
            b.clock.set(time);
            await Promise.all([
              a.runClock(),
              b.runClock(),
              a.runClock(),
              b.runClock(),
            ]);
          }

          const sent = [...a.sent.slice(workflowNotices), ...b.sent];
          for (const change of changes) {
            const told = sent
              .filter(n => n.payload.topic === `change:${change.id}`)
              .map(n => n.payload.severity)
              .sort();
            // The reminder (author), the escalation (CTO) and the author's
            // overdue notice: each once.
            expect(told).toEqual(
              change.type === 'emergency'
                ? ['critical', 'high', 'high']
                : ['critical', 'high', 'normal'],
            );
          }
          expect(sent).toHaveLength(changes.length * 3);

          const rows = await knex('change_reminders').select(
            'change_id',
            'clock',
            'threshold',
          );
          expect(rows).toHaveLength(changes.length * 2);
          const events = await knex('change_events')
            .where({ actor: 'plugin:change-management' })
            .select('change_id', 'action', 'fields');
          expect(events).toHaveLength(changes.length * 2);
          const keys = events.map(e => {
            const { clock, threshold } = JSON.parse(e.fields);
            return `${e.change_id} ${clock} ${threshold}`;
          });
          expect(new Set(keys).size).toBe(keys.length);

          const verify = await b.as('carol').get('/audit/verify');
          expect(verify.body).toMatchObject({ ok: true });
        } finally {
          await otherPool.destroy();
        }
      });
    },
  );
});
