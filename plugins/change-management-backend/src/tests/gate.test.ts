import { Entity } from '@backstage/catalog-model';
import { mockCredentials } from '@backstage/backend-test-utils';
import { BLACKOUTS_ANNOTATION } from '@trove/backstage-plugin-change-management-common';
import request from 'supertest';
import { actionFields, drafts } from '../__testUtils__/changes';
import { changeIn } from '../__testUtils__/changeIn';
import { Harness, startChangeManagement } from '../__testUtils__/harness';
import { sampleEntities } from '../__testUtils__/sampleCatalog';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const MIGRATION = {
  start: '2026-06-10T00:00:00.000Z',
  end: '2026-06-11T00:00:00.000Z',
  reason: 'Payments database migration',
};

/** The sample catalog with a Domain over the payments System. */
function catalogWithDomain(annotated: boolean): Entity[] {
  return [
    ...sampleEntities.map(e =>
      e.metadata.name === 'payments' && e.kind === 'System'
        ? { ...e, spec: { ...e.spec, domain: 'commerce' } }
        : e,
    ),
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Domain',
      metadata: {
        name: 'commerce',
        namespace: 'default',
        annotations: annotated
          ? { [BLACKOUTS_ANNOTATION]: JSON.stringify([MIGRATION]) }
          : {},
      },
      spec: { owner: 'platform' },
    },
  ];
}

const pipeline = (h: Harness) => ({
  get: (path: string) =>
    request(h.server)
      .get(`/api/change-management${path}`)
      .set('Authorization', mockCredentials.service.header()),
  post: (path: string, body: object) =>
    request(h.server)
      .post(`/api/change-management${path}`)
      .set('Authorization', mockCredentials.service.header())
      .send(body),
});

describe('the deployment gate', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    const start = async (
      options: Partial<Parameters<typeof startChangeManagement>[0]> = {},
    ) =>
      startChangeManagement({
        knex: await databases.init(databaseId),
        ...options,
      });

    it('tells a pipeline what a change waits for, and lets it through once signed off', async () => {
      const h = await start();
      const inReview = await changeIn(h, 'standard', 'in_review');
      const waiting = await pipeline(h).get(`/gate?changeId=${inReview.id}`);
      expect(waiting.status).toBe(200);
      expect(waiting.body).toEqual({
        allowed: false,
        final: false,
        reasons: [
          'Waiting for a peer review by an engineer other than the author',
        ],
        change: {
          id: inReview.id,
          type: 'standard',
          state: 'in_review',
          version: inReview.version,
        },
        freeze: { frozen: false, timeZone: 'UTC', blackouts: [] },
      });
      const ready = await changeIn(h, 'standard', 'ready_for_production');
      const open = await h.as('alice').get(`/gate?changeId=${ready.id}`);
      expect(open.body).toMatchObject({ allowed: true, reasons: [] });
    });

    it('honours a blackout from config on the System, for its components', async () => {
      const h = await start({
        now: '2026-06-10T12:00:00.000Z',
        changeManagement: {
          roles: { cto: ['group:default/cto'] },
          blackouts: [{ entityRef: 'system:default/payments', ...MIGRATION }],
        },
      });
      const ready = await changeIn(h, 'standard', 'ready_for_production');
      const gate = await pipeline(h).get(`/gate?changeId=${ready.id}`);
      expect(gate.body.allowed).toBe(false);
      expect(gate.body.reasons[0]).toMatch(
        /blacked out for system:default\/payments .* \(Payments database migration\)/,
      );
      const deploy = await h.as('alice').post(`/changes/${ready.id}/actions`, {
        action: 'deploy',
        version: ready.version,
      });
      expect(deploy.status).toBe(409);
      expect(deploy.body.error).toMatchObject({
        name: 'FreezeError',
        window: {
          ...MIGRATION,
          timeZone: 'UTC',
          entityRef: 'system:default/payments',
        },
      });
      h.clock.set(MIGRATION.end);
      expect(
        (await pipeline(h).get(`/gate?changeId=${ready.id}`)).body.allowed,
      ).toBe(true);
    });

    it('inherits a Domain’s annotated blackout through the System, and records an emergency’s override', async () => {
      const h = await start({
        now: '2026-06-10T12:00:00.000Z',
        entities: catalogWithDomain(true),
      });
      const freeze = await h
        .as('oscar')
        .get('/freeze?entityRef=component:default/payments-service');
      expect(freeze.body.blackouts).toEqual([
        { entityRef: 'domain:default/commerce', ...MIGRATION },
      ]);
      const standard = await changeIn(h, 'standard', 'ready_for_production');
      expect(
        (await h.as('alice').get(`/gate?changeId=${standard.id}`)).body.allowed,
      ).toBe(false);

      const emergency = await changeIn(h, 'emergency', 'approved');
      const gate = await h.as('alice').get(`/gate?changeId=${emergency.id}`);
      expect(gate.body).toMatchObject({
        allowed: true,
        reasons: [expect.stringMatching(/^Emergency: deploys while/)],
      });
      const deployed = await h.act('alice', emergency.id, 'deploy');
      expect(deployed.exceptions).toEqual([
        expect.objectContaining({
          kind: 'freeze-override',
          detail: expect.stringContaining(
            'blacked out for domain:default/commerce',
          ),
        }),
      ]);
    });

    it('ignores the annotation outside its window and on an unrelated System', async () => {
      const h = await start({
        now: '2026-06-12T12:00:00.000Z',
        entities: catalogWithDomain(true),
      });
      const other = await h
        .as('oscar')
        .get('/freeze?entityRef=component:default/storefront-web');
      expect(other.body.blackouts).toEqual([]);
      const later = await h
        .as('oscar')
        .get('/freeze?entityRef=component:default/payments-service');
      expect(later.body.blackouts).toEqual([]);
    });

    it('lets a pipeline record a deploy only where config allows it, with its subject as the actor', async () => {
      const off = await start();
      const ready = await changeIn(off, 'standard', 'ready_for_production');
      const refused = await pipeline(off).post(`/changes/${ready.id}/actions`, {
        action: 'deploy',
        version: ready.version,
      });
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toMatch(/ci.allowRecording/);

      const on = await start({
        changeManagement: {
          roles: { cto: ['group:default/cto'] },
          ci: { allowRecording: true },
        },
      });
      const change = await changeIn(on, 'standard', 'ready_for_production');
      const recorded = await pipeline(on).post(
        `/changes/${change.id}/actions`,
        {
          action: 'deploy',
          version: change.version,
          deploymentRef: 'https://ci.example.com/runs/42',
          commitSha: '3f2c1e0',
        },
      );
      expect(recorded.status).toBe(200);
      const events = await on.as('oscar').get(`/changes/${change.id}/events`);
      expect(events.body.items.at(-1)).toMatchObject({
        action: 'deploy',
        actor: 'external:test-service',
        fields: {
          deploymentRef: 'https://ci.example.com/runs/42',
          commitSha: '3f2c1e0',
        },
      });
    });

    it.each([
      ['standard', 'in_review', 'review'],
      ['standard', 'in_review', 'request-changes'],
      ['standard', 'in_review', 'waive-review'],
      ['standard', 'awaiting_approval', 'approve'],
      ['standard', 'awaiting_approval', 'reject'],
      ['standard', 'staging_verified', 'sign-off'],
      ['emergency', 'retrospective_done', 'complete-review'],
    ] as const)(
      'never lets a pipeline take a decision: %s in %s, %s',
      async (type, state, action) => {
        const h = await start({
          changeManagement: {
            roles: { cto: ['group:default/cto'] },
            ci: { allowRecording: true },
          },
        });
        const change = await changeIn(h, type, state);
        const res = await pipeline(h).post(`/changes/${change.id}/actions`, {
          action,
          version: change.version,
          ...actionFields[action],
        });
        expect(res.status).toBe(403);
        expect(res.body.error.name).toBe('NotAllowedError');
        expect(await h.count('change_events')).toBe(change.version);
      },
    );

    it('refuses a malformed or unknown change and environment', async () => {
      const h = await start();
      const { body } = await h.as('alice').post('/changes', drafts.standard);
      const bad = await h
        .as('oscar')
        .get(`/gate?changeId=${body.id}&environment=qa`);
      expect(bad.status).toBe(400);
      expect(bad.body.error.issues).toEqual([
        expect.objectContaining({ path: 'environment' }),
      ]);
      const missing = await h
        .as('oscar')
        .get('/gate?changeId=00000000-0000-4000-8000-000000000000');
      expect(missing.status).toBe(404);
    });
  });
});
