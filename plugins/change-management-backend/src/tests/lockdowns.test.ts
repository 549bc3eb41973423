import { Entity } from '@backstage/catalog-model';
import { UNTIL_LIFTED } from '@trove/backstage-plugin-change-management-common';
import { auditorsOnly } from '../__testUtils__/auditPermissions';
import { changeIn } from '../__testUtils__/changeIn';
import {
  Harness,
  OPEN_TIME,
  startChangeManagement,
  users,
} from '../__testUtils__/harness';
import { sampleEntities } from '../__testUtils__/sampleCatalog';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

// Issue 24 item 4: a lockdown the CTO declares is one more window behind
// the one deploy verdict: the deploy, the gate and the change page honour
// it, an emergency goes through it with a recorded override, and the
// owners of what it covers are told once each.

const STARTED = '2026-06-10T08:00:00.000Z';
const PAYMENTS = 'system:default/payments';

const declare = (h: Harness, body: Record<string, unknown>) =>
  h.as('carol').post('/lockdowns', { start: STARTED, ...body });

const gate = async (h: Harness, id: string) =>
  (await h.as('alice').get(`/gate?changeId=${id}`)).body;

const deploy = (h: Harness, change: { id: string; version: number }) =>
  h.as('alice').post(`/changes/${change.id}/actions`, {
    action: 'deploy',
    version: change.version,
  });

describe('lockdowns', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it('is declared, blocks a deploy and the gate, lets an emergency through with an override, and is lifted', async () => {
      const h = await startChangeManagement({
        knex: await databases.init(databaseId),
        extraFeatures: [auditorsOnly],
      });
      const standard = await changeIn(h, 'standard', 'ready_for_production');
      const emergency = await changeIn(h, 'emergency', 'approved');
      expect((await gate(h, standard.id)).allowed).toBe(true);

      const declared = await declare(h, {
        entityRef: PAYMENTS,
        reason: 'Incident INC-42',
      });
      expect(declared.status).toBe(201);
      const lockdown = declared.body;
      expect(lockdown).toEqual({
        id: expect.any(String),
        entityRef: PAYMENTS,
        reason: 'Incident INC-42',
        start: STARTED,
        declaredBy: users.carol,
        declaredAt: OPEN_TIME,
      });

      // The gate and the change page read the one verdict, naming it.
      const held = await gate(h, standard.id);
      expect(held.allowed).toBe(false);
      expect(held.reasons[0]).toContain(`lockdown ${lockdown.id}`);
      expect(held.reasons[0]).toContain('Incident INC-42');
      expect(held.freeze.lockdowns).toEqual([lockdown]);
      const page = await h.as('alice').get(`/changes/${standard.id}`);
      expect(page.body.deployVerdict.heldBy).toMatchObject({
        lockdownId: lockdown.id,
        reason: 'Incident INC-42',
      });

      // The deploy is refused with the lockdown as its window.
      const refused = await deploy(h, standard);
      expect(refused.status).toBe(409);
      expect(refused.body.error).toMatchObject({
        name: 'FreezeError',
        window: {
          lockdownId: lockdown.id,
          entityRef: PAYMENTS,
          reason: 'Incident INC-42',
        },
      });

      // An emergency goes through it, and the override is recorded.
      const through = await deploy(h, emergency);
      expect(through.status).toBe(200);
      expect(
        through.body.exceptions.filter(
          (e: { kind: string }) => e.kind === 'freeze-override',
        ),
      ).toHaveLength(1);
      const exceptions = await h
        .as('carol')
        .get('/audit/exceptions?from=2026-06-01&to=2026-07-01');
      const override = exceptions.body.items.find(
        (e: { changeId: string }) => e.changeId === emergency.id,
      );
      expect(override.kind).toBe('freeze-override');
      expect(override.facts.window).toMatchObject({
        lockdownId: lockdown.id,
      });
      expect(override.detail).toContain(`lockdown ${lockdown.id}`);

      // Listed while active, for what it covers only.
      const covering = await h
        .as('alice')
        .get(
          '/lockdowns?active=true&entityRef=component:default/payments-service',
        );
      expect(covering.body.items.map((l: any) => l.id)).toEqual([lockdown.id]);
      const elsewhere = await h
        .as('alice')
        .get(
          '/lockdowns?active=true&entityRef=component:default/storefront-web',
        );
      expect(elsewhere.body.items).toEqual([]);

      // Lifted: the gate opens, the list of active ones is empty.
      h.clock.set('2026-06-10T10:00:00.000Z');
      const lifted = await h
        .as('carol')
        .post(`/lockdowns/${lockdown.id}/lift`, {});
      expect(lifted.status).toBe(200);
      expect(lifted.body).toMatchObject({
        id: lockdown.id,
        liftedBy: users.carol,
        liftedAt: '2026-06-10T10:00:00.000Z',
      });
      expect((await gate(h, standard.id)).allowed).toBe(true);
      expect(
        (await h.as('alice').get('/lockdowns?active=true')).body.items,
      ).toEqual([]);
      expect((await h.as('alice').get('/lockdowns')).body.items).toHaveLength(
        1,
      );
      const again = await h
        .as('carol')
        .post(`/lockdowns/${lockdown.id}/lift`, {});
      expect(again.status).toBe(409);
      expect((await deploy(h, standard)).status).toBe(200);
    });

    it('only the CTO may declare or lift one, and a bad request names its fields', async () => {
      const h = await startChangeManagement({
        knex: await databases.init(databaseId),
      });
      const refused = await h
        .as('alice')
        .post('/lockdowns', { reason: 'No', start: STARTED });
      expect(refused.status).toBe(403);
      expect(refused.body.error.name).toBe('NotAllowedError');
      expect(refused.body.error.message).toContain(
        'Only the CTO may declare a lockdown',
      );
      await expect(h.count('change_lockdowns')).resolves.toBe(0);
      // The portal is told whom the server would refuse, by the same check.
      expect((await h.as('alice').get('/lockdowns')).body).toEqual({
        items: [],
        canDeclare: false,
      });
      expect(
        (await h.as('carol').get(`/lockdowns?entityRef=${PAYMENTS}`)).body,
      ).toEqual({ items: [], canDeclare: true });

      const bad = await h.as('carol').post('/lockdowns', {
        entityRef: 'component:default/payments-service',
        reason: ' ',
        start: 'tomorrow',
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.issues.map((i: any) => i.path).sort()).toEqual([
        'entityRef',
        'reason',
        'start',
      ]);
      const backwards = await declare(h, {
        reason: 'Backwards',
        end: '2026-06-01T00:00:00.000Z',
      });
      expect(backwards.status).toBe(400);
      expect(backwards.body.error.issues).toEqual([
        { path: 'end', message: 'end must be after start' },
      ]);
      const unknown = await declare(h, {
        entityRef: 'system:default/nowhere',
        reason: 'Unknown',
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.issues[0].path).toBe('entityRef');
      await expect(h.count('change_lockdowns')).resolves.toBe(0);

      const { body: lockdown } = await declare(h, { reason: 'Peak week' });
      const notLifted = await h
        .as('alice')
        .post(`/lockdowns/${lockdown.id}/lift`, {});
      expect(notLifted.status).toBe(403);
      expect(notLifted.body.error.message).toContain(
        'Only the CTO may lift a lockdown',
      );
      const missing = await h
        .as('carol')
        .post('/lockdowns/00000000-0000-4000-8000-000000000000/lift', {});
      expect(missing.status).toBe(404);
    });

    it('overlapping lockdowns hold until the last covering one ends', async () => {
      const h = await startChangeManagement({
        knex: await databases.init(databaseId),
      });
      const change = await changeIn(h, 'standard', 'ready_for_production');
      const everything = (await declare(h, { reason: 'Black Friday week' }))
        .body;
      const payments = (
        await declare(h, {
          entityRef: PAYMENTS,
          reason: 'Incident INC-7',
          start: '2026-06-10T08:30:00.000Z',
          end: '2026-06-10T12:00:00.000Z',
        })
      ).body;
      // The newest start is the one named.
      expect((await gate(h, change.id)).reasons[0]).toContain(payments.id);
      await h.as('carol').post(`/lockdowns/${payments.id}/lift`, {});
      const stillHeld = await gate(h, change.id);
      expect(stillHeld.allowed).toBe(false);
      expect(stillHeld.reasons[0]).toContain(everything.id);
      await h.as('carol').post(`/lockdowns/${everything.id}/lift`, {});
      expect((await gate(h, change.id)).allowed).toBe(true);

      // One that ended on its own holds no longer.
      await declare(h, {
        reason: 'Short window',
        end: '2026-06-10T09:30:00.000Z',
      });
      expect((await gate(h, change.id)).allowed).toBe(false);
      h.clock.set('2026-06-10T09:30:00.000Z');
      expect((await gate(h, change.id)).allowed).toBe(true);
    });

    it('a Domain lockdown covers the Systems of the Domain and their parts', async () => {
      const entities: Entity[] = [
        ...sampleEntities.map(e =>
          e.kind === 'System' && e.metadata.name === 'payments'
            ? { ...e, spec: { ...e.spec, domain: 'commerce' } }
            : e,
        ),
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Domain',
          metadata: { name: 'commerce', namespace: 'default' },
          spec: { owner: 'platform' },
        },
      ];
      const h = await startChangeManagement({
        knex: await databases.init(databaseId),
        entities,
      });
      const change = await changeIn(h, 'standard', 'ready_for_production');
      const { body: lockdown } = await declare(h, {
        entityRef: 'domain:default/commerce',
        reason: 'Commerce freeze',
      });
      expect((await gate(h, change.id)).reasons[0]).toContain(lockdown.id);
      const listed = await h
        .as('alice')
        .get('/lockdowns?active=true&entityRef=resource:default/payments-db');
      expect(listed.body.items.map((l: any) => l.id)).toEqual([lockdown.id]);
      const other = await h
        .as('alice')
        .get(
          '/lockdowns?active=true&entityRef=resource:default/aws-prod-account',
        );
      expect(other.body.items).toEqual([]);

      // The calendar shows it as a window of its own kind, for what it covers.
      const calendar = await h
        .as('alice')
        .get(
          '/calendar?from=2026-06-01T00:00:00Z&to=2026-07-01T00:00:00Z&entityRef=resource:default/payments-db',
        );
      expect(
        calendar.body.windows.filter((w: any) => w.kind === 'lockdown'),
      ).toEqual([
        {
          kind: 'lockdown',
          start: STARTED,
          // Until lifted.
          end: UNTIL_LIFTED,
          title: 'Lockdown: Commerce freeze',
          entityRef: 'domain:default/commerce',
        },
      ]);
      const elsewhere = await h
        .as('alice')
        .get(
          '/calendar?from=2026-06-01T00:00:00Z&to=2026-07-01T00:00:00Z&entityRef=resource:default/aws-prod-account',
        );
      expect(
        elsewhere.body.windows.filter((w: any) => w.kind === 'lockdown'),
      ).toEqual([]);
    });

    it('tells the owners of what it covers once each, on declaration and on lift', async () => {
      const h = await startChangeManagement({
        knex: await databases.init(databaseId),
      });
      const { body: lockdown } = await declare(h, {
        entityRef: PAYMENTS,
        reason: 'Incident INC-9',
      });
      await h.drain();
      await h.drain();
      const lockdownNotices = () =>
        h.sent.filter(n => n.payload.topic === `lockdown:${lockdown.id}`);
      expect(lockdownNotices()).toHaveLength(1);
      const [declared] = lockdownNotices();
      expect(declared.recipients).toEqual({
        type: 'entity',
        entityRef: ['group:default/payments', 'group:default/platform'],
      });
      expect(declared.payload.title).toBe(
        'Production lockdown for system:default/payments',
      );
      await h.as('carol').post(`/lockdowns/${lockdown.id}/lift`, {});
      await h.drain();
      await h.drain();
      expect(lockdownNotices().map(n => n.payload.title)).toEqual([
        'Production lockdown for system:default/payments',
        'Lockdown lifted for system:default/payments',
      ]);
      const scopes = lockdownNotices().map(n => n.payload.scope);
      expect(new Set(scopes).size).toBe(2);
    });

    it('records the declaration and the lift in the verified chain', async () => {
      const h = await startChangeManagement({
        knex: await databases.init(databaseId),
        extraFeatures: [auditorsOnly],
      });
      await changeIn(h, 'standard', 'in_review');
      const { body: lockdown } = await declare(h, {
        entityRef: PAYMENTS,
        reason: 'Incident INC-11',
      });
      await h.as('carol').post(`/lockdowns/${lockdown.id}/lift`, {});
      const events = await h
        .knex('change_events')
        .where({ lockdown_id: lockdown.id })
        .orderBy('seq');
      expect(
        events.map(e => [e.action, e.change_id, e.actor, e.to_state]),
      ).toEqual([
        ['declare-lockdown', null, users.carol, 'declared'],
        ['lift-lockdown', null, users.carol, 'lifted'],
      ]);
      const total = await h.count('change_events');
      const verified = await h.as('carol').get('/audit/verify');
      expect(verified.body).toMatchObject({ ok: true, checked: total });

      // A lockdown row that is not what its events record is found.
      await h
        .knex('change_lockdowns')
        .where({ id: lockdown.id })
        .update({ reason: 'Something else' });
      const tampered = await h.as('carol').get('/audit/verify');
      expect(tampered.body.ok).toBe(false);
      expect(tampered.body.problem).toBe(
        `Lockdown ${lockdown.id} differs from what its events record`,
      );
    });
  });
});
