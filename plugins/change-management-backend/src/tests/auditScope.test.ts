import { changeIn } from '../__testUtils__/changeIn';
import { auditorsOnly } from '../__testUtils__/auditPermissions';
import { startChangeManagement } from '../__testUtils__/harness';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(180_000);

const JUNE = 'from=2026-06-01&to=2026-07-01';
const scoped = (path: string, entityRef: string) =>
  `${path}?${JUNE}&entityRef=${encodeURIComponent(entityRef)}`;

describe('the audit scoped to one System', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it('counts, lists exceptions and samples only the changes to the System and its parts', async () => {
      const h = await startChangeManagement({
        knex: await databases.init(databaseId),
        extraFeatures: [auditorsOnly],
      });
      // Deployed in June and never verified: one exception each.
      h.clock.set('2026-06-02T09:00:00.000Z');
      const payments = await changeIn(h, 'standard', 'deployed');
      h.clock.set('2026-06-03T09:00:00.000Z');
      const storefront = await changeIn(h, 'standard', 'deployed', {
        affectedEntityRefs: ['component:default/storefront-web'],
      });
      h.clock.set('2026-06-04T09:00:00.000Z');
      await changeIn(h, 'emergency', 'approved', {
        affectedEntityRefs: ['component:default/storefront-web'],
      });
      const carol = h.as('carol');

      const all = await carol.get(`/audit/counts?${JUNE}`);
      expect(all.status).toBe(200);
      expect(all.body).toMatchObject({
        changes: 3,
        byType: { standard: 2, emergency: 1, infrastructure: 0 },
        productionDeploys: 2,
        exceptions: { 'not-verified': 2, 'waived-review': 0 },
      });

      const system = 'system:default/storefront';
      const counts = await carol.get(scoped('/audit/counts', system));
      expect(counts.body).toMatchObject({
        entityRef: system,
        changes: 2,
        byType: { standard: 1, emergency: 1, infrastructure: 0 },
        productionDeploys: 1,
        exceptions: { 'not-verified': 1 },
      });

      const exceptions = await carol.get(
        scoped('/audit/exceptions', 'system:default/payments'),
      );
      expect(exceptions.body.items.map((e: any) => e.changeId)).toEqual([
        payments.id,
      ]);

      const sample = await carol.get(scoped('/audit/sample', system));
      expect(sample.body).toMatchObject({ entityRef: system, population: 1 });
      expect(sample.body.items.map((e: any) => e.change.id)).toEqual([
        storefront.id,
      ]);

      // The counts are the auditor's too.
      const refused = await h.as('alice').get(`/audit/counts?${JUNE}`);
      expect(refused.status).toBe(403);
      expect(refused.body.error.name).toBe('NotAllowedError');
    });
  });
});
