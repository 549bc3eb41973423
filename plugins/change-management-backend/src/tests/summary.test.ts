import {
  AuthorizeResult,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  changeReadPermission,
  EntitySummary,
  SUMMARY_ITEMS,
} from '@trove/backstage-plugin-change-management-common';
import {
  changeConditions,
  createChangeConditionalDecision,
} from '@trove/backstage-plugin-change-management-node';
import { drafts } from '../__testUtils__/changes';
import { changeIn } from '../__testUtils__/changeIn';
import {
  Harness,
  OPEN_TIME,
  startChangeManagement,
  UserName,
  users,
} from '../__testUtils__/harness';
import { policyPermissions } from '../__testUtils__/policyPermissions';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

const HOUR = 3_600_000;
const at = (hours: number) =>
  new Date(Date.parse(OPEN_TIME) + hours * HOUR).toISOString();

/** Dana reads only the changes she raised; oscar reads none. */
class ReadPolicy implements PermissionPolicy {
  async handle(request: PolicyQuery, user?: PolicyQueryUser) {
    const { permission } = request;
    const ref = user?.info.userEntityRef;
    if (
      isResourcePermission(permission, 'change-management-change') &&
      permission.name === changeReadPermission.name
    ) {
      if (ref === users.dana) {
        return createChangeConditionalDecision(
          permission,
          changeConditions.isAuthor({ claims: [ref] }),
        );
      }
      if (ref === users.oscar) return { result: AuthorizeResult.DENY } as const;
    }
    return { result: AuthorizeResult.ALLOW } as const;
  }
}

/** A standard change on these entities, submitted for review. */
async function submitted(h: Harness, user: UserName, entityRefs: string[]) {
  const { body } = await h
    .as(user)
    .post('/changes', { ...drafts.standard, affectedEntityRefs: entityRefs });
  return h.act(user, body.id, 'submit');
}

async function summaryOf(h: Harness, entityRef: string, user: UserName) {
  const res = await h
    .as(user)
    .get(`/summary?entityRef=${encodeURIComponent(entityRef)}`);
  expect(res.status).toBe(200);
  return res.body as EntitySummary;
}

const ids = (part: { items: { id: string }[] }) => part.items.map(c => c.id);

const NOTHING = {
  inFlight: { items: [], total: 0 },
  overdue: { items: [], total: 0 },
};

describe('GET /summary: an entity’s change debt', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    const start = async () =>
      startChangeManagement({
        knex: await databases.init(databaseId),
        extraFeatures: [policyPermissions(new ReadPolicy())],
      });

    it('answers what is in flight, which retrospective is overdue and what last went to production', async () => {
      const h = await start();
      const completed = await changeIn(h, 'standard', 'completed');
      h.clock.set(at(1));
      const emergency = await changeIn(h, 'emergency', 'deployed');
      h.clock.set(at(2));
      const awaiting = await changeIn(h, 'standard', 'awaiting_approval');
      await h.as('alice').post('/changes', drafts.standard); // a draft
      h.clock.set(at(3));
      const onDb = await submitted(h, 'alice', [
        'resource:default/payments-db',
      ]);
      await submitted(h, 'dana', ['component:default/storefront-web']);

      // A millisecond before the due time (deploy + 48 h) it is not yet
      // overdue; from the due time on it is (the clock escalates then).
      h.clock.set(new Date(Date.parse(at(49)) - 1).toISOString());
      let service = await summaryOf(
        h,
        'component:default/payments-service',
        'alice',
      );
      expect(service.overdue).toEqual({ items: [], total: 0 });

      h.clock.set(at(49));
      service = await summaryOf(
        h,
        'component:default/payments-service',
        'alice',
      );
      expect(service.entityRef).toBe('component:default/payments-service');
      expect(ids(service.inFlight)).toEqual([awaiting.id, emergency.id]);
      expect(service.inFlight.total).toBe(2);
      expect(ids(service.overdue)).toEqual([emergency.id]);
      expect(service.overdue.items[0]).toMatchObject({
        overdue: true,
        state: 'deployed',
        retrospectiveDueAt: at(49),
      });
      expect(service.overdue.total).toBe(1);
      expect(service.lastProductionChange).toMatchObject({
        id: emergency.id,
        deployed: { by: users.alice, at: at(1) },
      });
      expect(completed.deployed.at).toBe(OPEN_TIME);

      // The System rolls up its parts: the service and the database.
      const system = await summaryOf(h, 'system:default/payments', 'alice');
      expect(ids(system.inFlight)).toEqual([
        onDb.id,
        awaiting.id,
        emergency.id,
      ]);
      expect(system.inFlight.total).toBe(3);
      expect(ids(system.overdue)).toEqual([emergency.id]);
      expect(system.lastProductionChange?.id).toBe(emergency.id);

      // A sibling component has no debt of its own.
      expect(
        await summaryOf(h, 'component:default/checkout-api', 'alice'),
      ).toEqual({ entityRef: 'component:default/checkout-api', ...NOTHING });
    });

    it(`lists the newest ${SUMMARY_ITEMS} and counts them all`, async () => {
      const h = await start();
      const raised = [];
      for (let i = 0; i < SUMMARY_ITEMS + 2; i++) {
        h.clock.set(at(i));
        raised.push(
          await submitted(h, 'alice', ['resource:default/payments-db']),
        );
      }
      const summary = await summaryOf(
        h,
        'resource:default/payments-db',
        'dana',
      );
      // dana reads only what she raised: nothing here.
      expect(summary).toEqual({
        entityRef: 'resource:default/payments-db',
        ...NOTHING,
      });
      const all = await summaryOf(h, 'resource:default/payments-db', 'alice');
      expect(ids(all.inFlight)).toEqual(
        raised
          .map(c => c.id)
          .reverse()
          .slice(0, SUMMARY_ITEMS),
      );
      expect(all.inFlight.total).toBe(SUMMARY_ITEMS + 2);
    });

    it('counts only the changes the caller may read, and refuses one who may read none', async () => {
      const h = await start();
      const deployed = await changeIn(h, 'standard', 'ready_for_production');
      await h.act('alice', deployed.id, 'deploy');
      const danas = await submitted(h, 'dana', [
        'component:default/payments-service',
      ]);

      const asAlice = await summaryOf(
        h,
        'component:default/payments-service',
        'alice',
      );
      expect(asAlice.inFlight.total).toBe(2);
      expect(asAlice.lastProductionChange?.id).toBe(deployed.id);

      const asDana = await summaryOf(
        h,
        'component:default/payments-service',
        'dana',
      );
      expect(asDana).toEqual({
        entityRef: 'component:default/payments-service',
        inFlight: {
          items: [expect.objectContaining({ id: danas.id })],
          total: 1,
        },
        overdue: { items: [], total: 0 },
      });

      const asOscar = await h
        .as('oscar')
        .get('/summary?entityRef=component:default/payments-service');
      expect(asOscar.status).toBe(403);
      expect(asOscar.body.error.name).toBe('NotAllowedError');
    });

    it.each([
      ['', 'entityRef', 'entityRef is required'],
      ['?entityRef=', 'entityRef', 'entityRef is required'],
      [
        '?entityRef=component:default/payments-service&limit=3',
        'limit',
        "Unknown field 'limit'",
      ],
    ])('refuses %p naming the field', async (query, path, message) => {
      const h = await start();
      const res = await h.as('alice').get(`/summary${query}`);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.issues).toEqual([{ path, message }]);
    });
  });
});
