import { randomUUID } from 'node:crypto';
import { mockServices } from '@backstage/backend-test-utils';
import {
  Lockdown,
  lockdownActive,
} from '@trove/backstage-plugin-change-management-common';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseChangeStore } from './DatabaseChangeStore';
import { DatabaseLockdownStore } from './DatabaseLockdownStore';

jest.setTimeout(60_000);

const id = (i: number) => `00000000-0000-4000-8000-00000000000${i}`;

/** Lockdowns around the probe times: open, ended, lifted early, later. */
const LOCKDOWNS: Lockdown[] = [
  { start: '2026-06-10T08:00:00.000Z' },
  { start: '2026-06-10T08:00:00.000Z', end: '2026-06-10T10:00:00.000Z' },
  {
    start: '2026-06-09T00:00:00.000Z',
    end: '2026-06-12T00:00:00.000Z',
    liftedBy: 'user:default/carol',
    liftedAt: '2026-06-10T09:00:00.000Z',
  },
  { start: '2026-06-11T00:00:00.000Z' },
].map((l, i) => ({
  id: id(i),
  reason: `Reason ${i}`,
  declaredBy: 'user:default/carol',
  declaredAt: '2026-06-01T00:00:00.000Z',
  ...l,
}));

const PROBES = [
  '2026-06-09T12:00:00.000Z',
  '2026-06-10T08:00:00.000Z',
  '2026-06-10T09:00:00.000Z',
  '2026-06-10T10:00:00.000Z',
  '2026-06-11T00:00:00.000Z',
];

describe('DatabaseLockdownStore', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it('finds in force exactly the lockdowns lockdownActive judges in force', async () => {
      const knex = await databases.init(databaseId);
      await DatabaseChangeStore.create({
        database: mockServices.database({ knex }),
      });
      const store = new DatabaseLockdownStore(knex);
      for (const l of LOCKDOWNS) {
        const { liftedBy, liftedAt, ...declared } = l;
        await store.declare(declared, randomUUID(), []);
        if (liftedBy && liftedAt) {
          await store.lift(
            l.id,
            { by: liftedBy, at: new Date(liftedAt) },
            randomUUID(),
            () => [],
          );
        }
      }
      for (const probe of PROBES) {
        const at = new Date(probe);
        const sql = (await store.list({ activeAt: at })).map(l => l.id).sort();
        const judged = LOCKDOWNS.filter(l => lockdownActive(l, at))
          .map(l => l.id)
          .sort();
        expect({ probe, ids: sql }).toEqual({ probe, ids: judged });
      }
      // Not vacuous: each probe's answer differs from some other's.
      const answers = new Set(
        await Promise.all(
          PROBES.map(async p =>
            JSON.stringify(
              (await store.list({ activeAt: new Date(p) })).map(l => l.id),
            ),
          ),
        ),
      );
      expect(answers.size).toBeGreaterThan(2);
      expect(await store.get(id(2))).toEqual(LOCKDOWNS[2]);
    });
  });
});
