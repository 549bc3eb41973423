import {
  ChangeState,
  CHANGE_ACTIONS,
  REFUSAL_STATUS,
  checkAction,
  happyPath,
} from '@trove/backstage-plugin-change-management-common';
import { actionFields } from '../__testUtils__/changes';
import { changeIn, DETOURS } from '../__testUtils__/changeIn';
import {
  startChangeManagement,
  UserName,
  users,
} from '../__testUtils__/harness';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

const ACTORS: UserName[] = ['alice', 'bob', 'carol'];

describe('role x action matrix over HTTP', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it.each(['standard', 'emergency'] as const)(
      'refuses every forbidden %s cell and writes nothing',
      async type => {
        const h = await startChangeManagement({
          knex: await databases.init(databaseId),
        });
        let refused = 0;
        for (const state of [
          ...happyPath(type),
          ...Object.keys(DETOURS),
        ] as ChangeState[]) {
          const change = await changeIn(h, type, state);
          for (const action of CHANGE_ACTIONS) {
            for (const user of ACTORS) {
              const expected = checkAction(
                change,
                action,
                {
                  userEntityRef: users[user],
                  isCto: user === 'carol',
                  // carol is the only holder of the CTO role here.
                  otherCtos: [],
                  engineerOf: 'any',
                },
                { allowSelfApproval: false },
              );
              if (expected.ok) continue; // allowed cells run in paths.test.ts
              const before = {
                events: await h.count('change_events'),
                version: change.version,
              };
              const res = await h
                .as(user)
                .post(`/changes/${change.id}/actions`, {
                  action,
                  version: change.version,
                  ...actionFields[action],
                });
              const { ok: _ok, ...refusal } = expected;
              expect({
                cell: `${state} ${action} ${user}`,
                status: res.status,
                error: res.body.error,
              }).toEqual({
                cell: `${state} ${action} ${user}`,
                status: REFUSAL_STATUS[expected.name],
                error: expect.objectContaining(refusal),
              });
              expect(await h.count('change_events')).toBe(before.events);
              const after = await h.as(user).get(`/changes/${change.id}`);
              expect(after.body.version).toBe(before.version);
              refused += 1;
            }
          }
        }
        // Sanity: the matrix really exercised a large number of cells.
        expect(refused).toBeGreaterThan(type === 'standard' ? 350 : 300);
      },
    );
  });
});
