import {
  ChangeAction,
  ChangeState,
  CHANGE_ACTIONS,
  REFUSAL_STATUS,
  checkAction,
  happyPath,
} from '@trove/backstage-plugin-change-management-common';
import { actionFields, drafts } from '../__testUtils__/changes';
import {
  Harness,
  startChangeManagement,
  UserName,
  users,
} from '../__testUtils__/harness';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

/** Who moves a change one step along its happy path. */
const STEPS: Partial<Record<ChangeState, [UserName, ChangeAction]>> = {
  draft: ['alice', 'submit'],
  in_review: ['bob', 'review'],
  awaiting_approval: ['carol', 'approve'],
  staging_verified: ['carol', 'sign-off'],
  ready_for_production: ['alice', 'deploy'],
  retrospective_done: ['carol', 'complete-review'],
};

function nextStep(type: string, state: ChangeState): [UserName, ChangeAction] {
  if (state === 'approved') {
    return type === 'emergency'
      ? ['alice', 'deploy']
      : ['alice', 'record-staging'];
  }
  if (state === 'deployed') return ['alice', 'verify'];
  if (state === 'verified') return ['alice', 'document-retrospective'];
  return STEPS[state]!;
}

/** How a change ends up in a state off the happy path. */
const DETOURS: Partial<
  Record<ChangeState, [ChangeState, UserName, ChangeAction]>
> = {
  rejected: ['awaiting_approval', 'carol', 'reject'],
  cancelled: ['draft', 'alice', 'cancel'],
  rolled_back: ['deployed', 'alice', 'roll-back'],
};

/** A change of this type driven to `state`. */
async function changeIn(
  h: Harness,
  type: 'standard' | 'emergency',
  state: ChangeState,
): Promise<any> {
  const detour = DETOURS[state];
  if (detour) {
    const [before, user, action] = detour;
    const change = await changeIn(h, type, before);
    return h.act(user, change.id, action, actionFields[action]);
  }
  const { body } = await h.as('alice').post('/changes', drafts[type]);
  let current = body;
  while (current.state !== state) {
    const [user, action] = nextStep(type, current.state);
    current = await h.act(user, body.id, action, actionFields[action]);
  }
  return current;
}

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
                { userEntityRef: users[user], isCto: user === 'carol' },
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
