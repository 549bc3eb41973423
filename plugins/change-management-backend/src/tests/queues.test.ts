import {
  ChangeState,
  happyPath,
  isInFlight,
  waitsOnActor,
} from '@trove/backstage-plugin-change-management-common';
import { actionFields, drafts } from '../__testUtils__/changes';
import { changeIn, DETOURS } from '../__testUtils__/changeIn';
import {
  Harness,
  startChangeManagement,
  UserName,
  users,
} from '../__testUtils__/harness';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

const ids = (res: { body: { items: { id: string }[] } }) =>
  res.body.items.map(c => c.id).sort();

async function queueOf(h: Harness, user: UserName) {
  return ids(await h.as(user).get('/changes?needsActionBy=me&limit=100'));
}

/**
 * Who holds the CTO role: carol alone, or dana too. With one holder carol
 * never waits as a reviewer; with two she does, but not on dana's changes.
 */
const CTO_ROLES: [string, string[], UserName[]][] = [
  ['one CTO-role holder', ['group:default/cto'], ['carol']],
  [
    'two CTO-role holders',
    ['group:default/cto', 'user:default/dana'],
    ['carol', 'dana'],
  ],
];

describe('who a change waits on, as the database answers it', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    const start = async () =>
      startChangeManagement({ knex: await databases.init(databaseId) });

    it('keeps a rolled-back emergency in the author’s queue, then the CTO’s', async () => {
      const h = await start();
      const change = await changeIn(h, 'emergency', 'rolled_back');
      const { id } = change;
      expect(await queueOf(h, 'alice')).toEqual([id]);
      expect(await queueOf(h, 'carol')).toEqual([]);

      await h.act(
        'alice',
        id,
        'document-retrospective',
        actionFields['document-retrospective'],
      );
      expect(await queueOf(h, 'alice')).toEqual([]);
      expect(await queueOf(h, 'carol')).toEqual([id]);

      const reviewed = await h.act(
        'carol',
        id,
        'complete-review',
        actionFields['complete-review'],
      );
      expect(reviewed.state).toBe('rolled_back');
      expect(await queueOf(h, 'carol')).toEqual([]);
      expect(ids(await h.as('oscar').get('/changes?inFlight=true'))).toEqual(
        [],
      );
    });

    it.each(CTO_ROLES)(
      'answers "needs my action" and "in flight" as the workflow does, for every state and user, with %s',
      async (_, cto, holders) => {
        const h = await startChangeManagement({
          knex: await databases.init(databaseId),
          changeManagement: { roles: { cto } },
        });
        // Every state each machine reaches: its path, and the detours.
        const states = (['standard', 'emergency'] as const).flatMap(type =>
          [...happyPath(type), ...(Object.keys(DETOURS) as ChangeState[])].map(
            state => [type, state] as const,
          ),
        );
        const changes = [];
        for (const [type, state] of states) {
          changes.push(await changeIn(h, type, state));
        }
        // A change by dana too, so that "author" and "reviewer" differ by user.
        const byDana = await h
          .as('dana')
          .post('/changes', drafts.infrastructure);
        changes.push(await h.act('dana', byDana.body.id, 'submit'));

        let reviewsLeft = 0;
        for (const user of ['alice', 'bob', 'carol', 'dana'] as UserName[]) {
          const isCto = holders.includes(user);
          const actor = {
            userEntityRef: users[user],
            isCto,
            otherCtos: isCto
              ? holders.filter(u => u !== user).map(u => users[u])
              : undefined,
            engineerOf: 'any' as const,
          };
          const expected = changes
            .filter(c => waitsOnActor(c, actor, { allowSelfApproval: false }))
            .map(c => c.id)
            .sort();
          if (isCto) {
            reviewsLeft += changes.filter(
              c => c.state === 'in_review' && expected.includes(c.id),
            ).length;
          }
          expect({ user, queue: await queueOf(h, user) }).toEqual({
            user,
            queue: expected,
          });
        }
        // A holder of the role reviews only beside another who could approve.
        expect(reviewsLeft).toBe(holders.length === 1 ? 0 : 2);
        const inFlight = changes
          .filter(isInFlight)
          .map(c => c.id)
          .sort();
        expect(inFlight.length).toBeGreaterThan(8);
        expect(
          ids(await h.as('oscar').get('/changes?inFlight=true&limit=100')),
        ).toEqual(inFlight);
      },
    );
  });
});
