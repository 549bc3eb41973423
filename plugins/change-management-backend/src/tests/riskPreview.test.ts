import { stringifyEntityRef } from '@backstage/catalog-model';
import { drafts } from '../__testUtils__/changes';
import { startChangeManagement } from '../__testUtils__/harness';
import { riskCatalog } from '../__testUtils__/riskCatalog';
import { sampleEntities } from '../__testUtils__/sampleCatalog';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

// Issue 24: `GET /risk` is the raise form's risk, before the change exists:
// the very assessment a save stores, and nothing written.

const riskRefs = new Set(riskCatalog.map(e => stringifyEntityRef(e)));
const entities = [
  ...sampleEntities.filter(e => !riskRefs.has(stringifyEntityRef(e))),
  ...riskCatalog,
];

const PAYMENTS_DB = 'resource:default/payments-db';
// The default freeze starts on 1 October, 00:00 UTC.
const NEAR_FREEZE = {
  plannedStart: '2026-09-27T10:00:00.000Z',
  plannedEnd: '2026-09-27T11:00:00.000Z',
};

describe('GET /risk (issue 24)', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    const start = async (changeManagement?: Record<string, unknown>) => {
      const h = await startChangeManagement({
        knex: await databases.init(databaseId),
        entities,
        changeManagement,
      });
      h.clock.set('2026-06-10T10:00:00.000Z');
      return h;
    };

    it('answers what a save of the draft stores, and writes nothing', async () => {
      const h = await start();
      const query = new URLSearchParams({
        entityRef: PAYMENTS_DB,
        type: 'infrastructure',
        ...NEAR_FREEZE,
      });
      const preview = await h.as('alice').get(`/risk?${query}`);
      expect(preview.status).toBe(200);
      expect(preview.body.risk).toMatchObject({ level: 'high' });
      expect(preview.body.risk.reasons.map((r: any) => r.factor)).toEqual(
        expect.arrayContaining(['blast-radius', 'type', 'near-freeze']),
      );
      expect(await h.count('changes')).toBe(0);
      expect(await h.count('change_events')).toBe(0);

      const raised = await h.as('alice').post('/changes', {
        ...drafts.infrastructure,
        affectedEntityRefs: [PAYMENTS_DB],
        ...NEAR_FREEZE,
      });
      expect(raised.status).toBe(201);
      expect(raised.body.risk).toEqual(preview.body.risk);
    });

    it('leaves the draft being edited out of its own conflicts', async () => {
      const h = await start();
      const draft = {
        ...drafts.standard,
        affectedEntityRefs: ['component:default/leaf'],
        ...NEAR_FREEZE,
      };
      const { body: raised } = await h.as('alice').post('/changes', draft);
      const query = new URLSearchParams({
        entityRef: 'component:default/leaf',
        type: 'standard',
        ...NEAR_FREEZE,
      });
      const others = await h.as('alice').get(`/risk?${query}`);
      expect(others.body.risk.reasons.map((r: any) => r.factor)).toContain(
        'conflicts',
      );
      const itself = await h
        .as('alice')
        .get(`/risk?${query}&excludeId=${raised.id}`);
      expect(itself.body.risk).toEqual(raised.risk);
    });

    it('refuses a bad query naming the field, as GET /conflicts does', async () => {
      const h = await start();
      const halfWindow = await h
        .as('alice')
        .get(
          `/risk?entityRef=${PAYMENTS_DB}&type=standard&plannedStart=${NEAR_FREEZE.plannedStart}`,
        );
      expect(halfWindow.status).toBe(400);
      expect(halfWindow.body.error.name).toBe('InputError');
      expect(halfWindow.body.error.issues).toEqual([
        expect.objectContaining({ path: 'plannedEnd' }),
      ]);
      const unknown = await h
        .as('alice')
        .get('/risk?entityRef=component:default/nowhere&type=standard');
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.issues).toEqual([
        expect.objectContaining({ path: 'entityRef' }),
      ]);
      const noEntity = await h.as('alice').get('/risk?type=standard');
      expect(noEntity.status).toBe(400);
    });

    it('answers no risk when changeManagement.risk.enabled is false', async () => {
      const h = await start({ risk: { enabled: false } });
      const res = await h
        .as('alice')
        .get(`/risk?entityRef=${PAYMENTS_DB}&type=infrastructure`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({});
    });
  });
});
