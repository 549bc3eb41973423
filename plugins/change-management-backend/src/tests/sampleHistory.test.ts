import { mockServices } from '@backstage/backend-test-utils';
import { startChangeManagement } from '../__testUtils__/harness';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { seedSampleHistory } from '../sample/seedSampleHistory';

jest.setTimeout(120_000);

// Inside the default freeze, as the sample app often starts.
const NOW = '2026-12-02T10:00:00.000Z';
const DAY = 86_400_000;
const day = (offset: number) =>
  new Date(Date.parse(NOW) + offset * DAY).toISOString().slice(0, 10);
const PAYMENTS = 'system:default/payments';

describe('the sample history', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it('seeds an empty change database once; the trail verifies and payments shows its last 90 days and the weeks ahead', async () => {
      const knex = await databases.init(databaseId);
      const h = await startChangeManagement({ knex, now: NOW });
      const logger = mockServices.logger.mock();

      const seeded = await seedSampleHistory(knex, {
        now: new Date(NOW),
        logger,
      });
      expect(seeded).toBeGreaterThan(250);
      expect(await h.count('changes')).toBe(seeded);
      expect(logger.info).toHaveBeenCalledWith(
        `Seeding the sample change history: ${seeded} changes…`,
      );
      const verify = await h.as('oscar').get('/audit/verify');
      expect(verify.body.problem).toBeUndefined();
      expect(verify.body).toMatchObject({ ok: true });
      expect(verify.body.checked).toBe(await h.count('change_events'));

      const metrics = await h
        .as('carol')
        .get(`/metrics?entityRef=${PAYMENTS}&from=${day(-90)}&to=${day(1)}`);
      expect(metrics.status).toBe(200);
      const { deployments, changeFailureRate, emergencies } = metrics.body;
      expect(deployments.total).toBeGreaterThan(5);
      expect(deployments.byType.standard).toBeGreaterThan(0);
      expect(changeFailureRate.failed).toBeGreaterThan(0);
      expect(emergencies.count).toBeGreaterThan(0);

      const calendar = await h
        .as('carol')
        .get(`/calendar?from=${day(-30)}&to=${day(45)}&entityRef=${PAYMENTS}`);
      expect(calendar.status).toBe(200);
      const changes: { plannedStart?: string; emergency: boolean }[] =
        calendar.body.changes;
      expect(changes.some(c => c.emergency)).toBe(true);
      expect(changes.some(c => c.plannedStart && c.plannedStart > NOW)).toBe(
        true,
      );
      expect(calendar.body.windows.map((w: any) => w.kind)).toContain('freeze');

      // Not empty now: a second start leaves it as it is.
      expect(
        await seedSampleHistory(knex, { now: new Date(NOW), logger }),
      ).toBe(0);
      expect(await h.count('changes')).toBe(seeded);
    });
  });
});
