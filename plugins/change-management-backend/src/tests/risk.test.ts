import { stringifyEntityRef } from '@backstage/catalog-model';
import { changeIn } from '../__testUtils__/changeIn';
import { drafts } from '../__testUtils__/changes';
import { startChangeManagement } from '../__testUtils__/harness';
import { riskCatalog } from '../__testUtils__/riskCatalog';
import { sampleEntities } from '../__testUtils__/sampleCatalog';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const riskRefs = new Set(riskCatalog.map(e => stringifyEntityRef(e)));
/** The sample catalog, with the risk fixtures in place of its namesakes. */
const catalogOf = () => {
  const risk = riskCatalog.map(e => structuredClone(e));
  return {
    risk,
    entities: [
      ...sampleEntities.filter(e => !riskRefs.has(stringifyEntityRef(e))),
      ...risk,
    ],
  };
};

const onPaymentsDb = {
  ...drafts.infrastructure,
  affectedEntityRefs: ['resource:default/payments-db'],
};

describe('the risk of a change (issue 24)', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    const start = async (changeManagement?: Record<string, unknown>) => {
      const catalog = catalogOf();
      const h = await startChangeManagement({
        knex: await databases.init(databaseId),
        entities: catalog.entities,
        changeManagement,
      });
      return { h, catalog };
    };

    it('is assessed when raised and read as stored, not recomputed', async () => {
      const { h, catalog } = await start();
      const raised = await h.as('alice').post('/changes', onPaymentsDb);
      expect(raised.status).toBe(201);
      const { risk } = raised.body;
      expect(risk.reasons).toEqual(
        expect.arrayContaining([
          {
            factor: 'blast-radius',
            points: 7 + 2 * 2 + 1 * 2,
            message: '7 entities depend on payments-db (3 Systems, 2 teams)',
          },
          {
            factor: 'criticality',
            points: 5,
            message: 'payments-db is marked critical',
          },
          {
            factor: 'type',
            points: 5,
            message: 'An infrastructure change',
          },
        ]),
      );
      // 13 blast radius, 5 critical, 2 in production, 5 infrastructure.
      expect(risk).toMatchObject({ level: 'high', score: 13 + 5 + 2 + 5 });

      // The catalog changes: the page shows the assessment as stored.
      const db = catalog.risk.find(e => e.metadata.name === 'payments-db')!;
      delete db.metadata.annotations;
      h.clock.set('2026-06-10T10:00:00.000Z');
      const read = await h.as('alice').get(`/changes/${raised.body.id}`);
      expect(read.body.risk).toEqual(risk);
      const listed = await h.as('alice').get('/changes');
      expect(
        listed.body.items.find((c: any) => c.id === raised.body.id).risk,
      ).toEqual(risk);

      // An edit assesses it again.
      const edited = await h.act('alice', raised.body.id, 'edit', {
        ...onPaymentsDb,
        type: undefined,
      });
      expect(edited.risk.reasons.map((r: any) => r.factor)).not.toContain(
        'criticality',
      );
      expect(edited.risk).toMatchObject({
        score: risk.score - 5,
        assessedAt: '2026-06-10T10:00:00.000Z',
      });
    });

    it('reads the history from the metrics and the window near the freeze', async () => {
      const { h } = await start();
      const onPayments = { affectedEntityRefs: ['component:default/payments'] };
      await changeIn(h, 'standard', 'rolled_back', onPayments);
      await changeIn(h, 'standard', 'deployed', onPayments);
      // The history is of the 90 days before now, now excluded.
      h.clock.set('2026-06-10T10:00:00.000Z');
      // The default freeze starts on 1 October, 00:00 UTC.
      const raised = await h.as('alice').post('/changes', {
        ...drafts.standard,
        ...onPayments,
        plannedStart: '2026-09-27T10:00:00.000Z',
        plannedEnd: '2026-09-27T11:00:00.000Z',
      });
      expect(raised.body.risk.reasons).toEqual(
        expect.arrayContaining([
          {
            factor: 'history-failures',
            points: 3,
            message: '1 of the last 2 changes to payments failed (90 days)',
          },
          {
            factor: 'near-freeze',
            points: 4,
            message: 'Planned 3 days before the freeze',
          },
        ]),
      );
    });

    it('takes no risk from the client', async () => {
      const { h } = await start();
      const forged = {
        level: 'low',
        score: 0,
        reasons: [],
        assessedAt: '2026-06-10T09:00:00.000Z',
      };
      const res = await h
        .as('alice')
        .post('/changes', { ...onPaymentsDb, risk: forged });
      expect(res.status).toBe(400);
      expect(await h.count('changes')).toBe(0);
    });

    it('finds no blast radius for a leaf', async () => {
      const { h } = await start();
      const raised = await h.as('alice').post('/changes', {
        ...drafts.standard,
        affectedEntityRefs: ['component:default/leaf'],
      });
      expect(raised.body.risk).toMatchObject({
        level: 'low',
        score: 0,
        reasons: [],
      });
    });

    it('records the stored risk with the approval, and the chain replays', async () => {
      const { h } = await start();
      const { body } = await h.as('alice').post('/changes', onPaymentsDb);
      const submitted = await h.act('alice', body.id, 'submit');
      await h.act('bob', body.id, 'review');
      await h.act('carol', body.id, 'approve');
      const events = (await h.as('carol').get(`/changes/${body.id}/events`))
        .body.items;
      const approval = events.find((e: any) => e.action === 'approve');
      expect(approval.fields.risk).toEqual(submitted.risk);
      expect(
        events.find((e: any) => e.action === 'submit').fields.risk,
      ).toEqual(submitted.risk);
      expect((await h.as('oscar').get('/audit/verify')).body).toMatchObject({
        ok: true,
      });
      const evidence = await h
        .as('carol')
        .get(`/audit/evidence/${body.id}?format=json`);
      expect(evidence.body.change.risk).toEqual(submitted.risk);
    });

    it('appends the risk level and score to the export', async () => {
      const { h } = await start();
      const { body } = await h.as('alice').post('/changes', onPaymentsDb);
      const res = await h
        .as('oscar')
        .get('/export?from=2026-01-01&to=2027-01-01&format=json');
      const row = res.body.items.find((r: any) => r.id === body.id);
      expect(row).toMatchObject({
        riskLevel: body.risk.level,
        riskScore: String(body.risk.score),
      });
      const csv = await h
        .as('oscar')
        .get('/export?from=2026-01-01&to=2027-01-01');
      expect(csv.text.split('\n')[0]).toMatch(/,Risk level,Risk score,/);
    });

    it('is not assessed when changeManagement.risk.enabled is false', async () => {
      const { h } = await start({ risk: { enabled: false } });
      const raised = await h.as('alice').post('/changes', onPaymentsDb);
      expect(raised.status).toBe(201);
      expect(raised.body.risk).toBeUndefined();
      await h.act('alice', raised.body.id, 'submit');
      expect((await h.as('oscar').get('/audit/verify')).body).toMatchObject({
        ok: true,
      });
    });
  });
});
