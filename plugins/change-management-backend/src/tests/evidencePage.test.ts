import { Entity } from '@backstage/catalog-model';
import { actionFields } from '../__testUtils__/changes';
import { changeIn } from '../__testUtils__/changeIn';
import { auditorsOnly } from '../__testUtils__/auditPermissions';
import { startChangeManagement, users } from '../__testUtils__/harness';
import { sampleEntities } from '../__testUtils__/sampleCatalog';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

const NAMES: Record<string, string> = {
  alice: 'Alice Adams',
  bob: 'Bob Brown',
  carol: 'Carol Chen',
};

/** The sample catalog, its users with the display names people know. */
const entities: Entity[] = sampleEntities.map(e =>
  e.kind === 'User' && NAMES[e.metadata.name]
    ? {
        ...e,
        spec: { ...e.spec, profile: { displayName: NAMES[e.metadata.name] } },
      }
    : e,
);

/** What a person reads of a page: its text, without the markup. */
const textOf = (html: string) =>
  html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<\/?(span|strong)[^>]*>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

describe('GET /audit/evidence/:id', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it('serves one change’s packet as a page, with its freeze override and post-deployment review, in names and local times', async () => {
      const h = await startChangeManagement({
        knex: await databases.init(databaseId),
        extraFeatures: [auditorsOnly],
        entities,
        // In the default freeze, which only an emergency deploys through.
        now: '2026-11-20T10:00:00.000Z',
      });
      const change = await changeIn(h, 'emergency', 'completed');
      const res = await h.as('carol').get(`/audit/evidence/${change.id}`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['content-security-policy']).toBe(
        "default-src 'none'; style-src 'unsafe-inline'",
      );
      const page = textOf(res.text);
      expect(page).toContain('Freeze override (exception)');
      expect(page).toMatch(
        /Production was frozen from 2026-10-01 to 2026-12-31 \(UTC\) Deployed anyway Alice Adams, Nov 20, 2026, 10:00 AM UTC On the CTO approval of Carol Chen, Nov 20, 2026, 10:00 AM UTC/,
      );
      expect(page).toContain(
        'relying on the CTO approval of Carol Chen at Nov 20, 2026, 10:00 AM UTC.',
      );
      expect(page).toMatch(
        /Post-deployment review \(emergency\) Reviewed Carol Chen, Nov 20, 2026, 10:00 AM UTC Could it have been prevented\? Yes Notes A contract test on the refund payload would have caught it/,
      );
      expect(page).toContain('Submitted for CTO approval');
      // People read names and their own times, never refs or ISO times.
      expect(page).not.toMatch(/user:default|component:default|\d{2}T\d{2}:/);
      // The refs stay for a machine: in the tooltips, and in the JSON.
      expect(res.text).toContain(`title="${users.carol}"`);
      const json = await h
        .as('carol')
        .get(`/audit/evidence/${change.id}?format=json`);
      expect(json.body.change.approved.by).toBe(users.carol);
      expect(json.body.change.postDeploymentReview).toMatchObject(
        actionFields['complete-review'],
      );
    });

    it('needs the audit permission, and a change that exists', async () => {
      const h = await startChangeManagement({
        knex: await databases.init(databaseId),
        extraFeatures: [auditorsOnly],
      });
      const change = await changeIn(h, 'standard', 'in_review');
      const refused = await h.as('alice').get(`/audit/evidence/${change.id}`);
      expect(refused.status).toBe(403);
      const missing = await h
        .as('carol')
        .get('/audit/evidence/00000000-0000-4000-8000-000000000000');
      expect(missing.status).toBe(404);
      const bad = await h.as('carol').get('/audit/evidence/x?format=pdf');
      expect(bad.status).toBe(400);
    });
  });
});
