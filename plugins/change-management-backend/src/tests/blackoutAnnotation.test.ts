import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { BLACKOUTS_ANNOTATION } from '@trove/backstage-plugin-change-management-common';
import request from 'supertest';
import { changeIn } from '../__testUtils__/changeIn';
import { startChangeManagement } from '../__testUtils__/harness';
import { sampleEntities } from '../__testUtils__/sampleCatalog';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

/** The sample catalog, the payments System annotated with text that is not JSON. */
const catalog: Entity[] = sampleEntities.map(e =>
  e.kind === 'System' && e.metadata.name === 'payments'
    ? {
        ...e,
        metadata: {
          ...e.metadata,
          annotations: { [BLACKOUTS_ANNOTATION]: '[{"start": 2026-06-10}]' },
        },
      }
    : e,
);

const UNREADABLE =
  /^the trove\.io\/change-blackouts annotation of system:default\/payments cannot be read \(it is not JSON \(.+\)\)$/;

/**
 * A System whose blackouts annotation cannot be read holds the production
 * deploys of its parts (it used to be dropped, and the gate said yes), as a
 * blackout would: through the one deploy verdict, overridden by an
 * emergency, the override recorded.
 */
describe('an unreadable blackouts annotation', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    const start = async () =>
      startChangeManagement({
        knex: await databases.init(databaseId),
        entities: catalog,
      });

    it('refuses a standard deploy, naming the entity and the error', async () => {
      const h = await start();
      const ready = await changeIn(h, 'standard', 'ready_for_production');
      const gate = await request(h.server)
        .get(`/api/change-management/gate?changeId=${ready.id}`)
        .set('Authorization', mockCredentials.service.header());
      expect(gate.body).toMatchObject({
        allowed: false,
        reasons: [
          expect.stringMatching(
            /^Production is blacked out because the trove\.io\/change-blackouts annotation of system:default\/payments cannot be read \(it is not JSON .*\): only emergency changes may deploy\. Deploy once it reopens after the annotation is fixed, or raise an emergency change$/,
          ),
        ],
      });

      const deploy = await h.as('alice').post(`/changes/${ready.id}/actions`, {
        action: 'deploy',
        version: ready.version,
      });
      expect(deploy.status).toBe(409);
      const window = {
        entityRef: 'system:default/payments',
        start: '1970-01-01T00:00:00.000Z',
        end: '9999-12-31T23:59:59.999Z',
        timeZone: 'UTC',
        reason: expect.stringMatching(UNREADABLE),
      };
      expect(deploy.body.error).toMatchObject({
        name: 'FreezeError',
        message: expect.stringMatching(
          /^Production deploys of standard changes are blacked out because the trove\.io\/change-blackouts annotation of system:default\/payments cannot be read \(it is not JSON/,
        ),
        window,
      });
      const page = await h.as('alice').get(`/changes/${ready.id}`);
      expect(page.body.deployVerdict).toMatchObject({
        allowed: false,
        heldBy: window,
      });
      expect(page.body.state).toBe('ready_for_production');
    });

    it('lets an emergency through, the override recorded', async () => {
      const h = await start();
      const emergency = await changeIn(h, 'emergency', 'approved');
      const deployed = await h.act('alice', emergency.id, 'deploy');
      expect(deployed.exceptions).toEqual([
        expect.objectContaining({
          kind: 'freeze-override',
          detail: expect.stringMatching(
            /^Emergency deployed while production was blacked out because the trove\.io\/change-blackouts annotation of system:default\/payments cannot be read \(it is not JSON/,
          ),
        }),
      ]);
      const events = await h.as('oscar').get(`/changes/${emergency.id}/events`);
      expect(events.body.items.at(-1)).toMatchObject({
        action: 'deploy',
        fields: {
          freezeOverride: true,
          freezeWindow: { entityRef: 'system:default/payments' },
        },
      });
    });
  });
});
