import { FreeSlot } from '@trove/backstage-plugin-change-management-common';
import { Harness, startChangeManagement } from '../__testUtils__/harness';
import {
  CHECKOUT,
  entities,
  june11,
  planned,
  raise,
  SERVICE,
} from '../__testUtils__/landscape';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(180_000);

async function freeSlot(
  h: Harness,
  earliestStart: string,
  type = 'standard',
  durationMinutes = '60',
): Promise<FreeSlot> {
  const query = new URLSearchParams({
    entityRef: SERVICE,
    durationMinutes,
    earliestStart,
    type,
  });
  const res = await h.as('alice').get(`/free-slot?${query}`);
  if (res.status !== 200) throw new Error(JSON.stringify(res.body.error));
  return res.body;
}

describe('GET /free-slot', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    const start = async () =>
      startChangeManagement({
        knex: await databases.init(databaseId),
        entities,
      });

    it('skips the open changes near the entity, not those already past', async () => {
      const h = await start();
      await raise(h, planned(SERVICE, june11(8), june11(9)));
      await raise(h, planned(SERVICE, june11(10), june11(12)));
      // checkout-api is in the same System
      await raise(h, planned(CHECKOUT, june11(11), june11(13)));

      // the 08:00 change is past; 09:00 to 10:00 ends as the next begins
      expect(await freeSlot(h, june11(9))).toEqual({
        start: june11(9),
        end: june11(10),
      });
      expect(await freeSlot(h, june11(9, 30))).toEqual({
        start: june11(13),
        end: june11(14),
      });
      expect(await freeSlot(h, june11(8, 30), 'standard', '30')).toEqual({
        start: june11(9),
        end: june11(9, 30),
      });
    });

    it('skips a blackout of its System', async () => {
      const h = await start();
      expect(await freeSlot(h, '2026-06-19T23:30:00Z')).toEqual({
        start: '2026-06-21T00:00:00.000Z',
        end: '2026-06-21T01:00:00.000Z',
      });
    });

    it('skips the freeze for a standard change, not for an emergency', async () => {
      const h = await start();
      expect(await freeSlot(h, '2026-12-20T00:00:00Z')).toEqual({
        start: '2027-01-01T00:00:00.000Z',
        end: '2027-01-01T01:00:00.000Z',
      });
      expect(await freeSlot(h, '2026-12-20T00:00:00Z', 'emergency')).toEqual({
        start: '2026-12-20T00:00:00.000Z',
        end: '2026-12-20T01:00:00.000Z',
      });
    });

    it('says so when nothing is free within 90 days', async () => {
      const h = await start();
      // The freeze runs October 1 to January 1: 92 days.
      expect(await freeSlot(h, '2026-10-01T00:00:00Z')).toEqual({
        start: null,
        end: null,
        reason:
          'No 60-minute window free of conflicts, the freeze and blackouts starts within 90 days of 2026-10-01T00:00:00.000Z',
      });
    });
  });
});
