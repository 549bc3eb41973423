import fc from 'fast-check';
import { CHANGE_ACTIONS } from '@trove/backstage-plugin-change-management-common';
import { drafts } from '../__testUtils__/changes';
import { Harness, startChangeManagement } from '../__testUtils__/harness';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(300_000);

/** Seeded, so a failure is repeatable: rerun with the seed it prints. */
const SEED = 20261125;

/** Text an attacker or a careless client sends. */
const nasty = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x \udfff y',
    '=HYPERLINK("http://x")',
    'x'.repeat(20001),
    '<script>alert(1)</script>',
    "'; DROP TABLE changes; --",
  ),
);

/** Times, from sane to out of any database's range. */
const nastyTime = fc.oneof(
  fc.constantFrom(
    '2026-06-10T09:00:00.000Z',
    '-271821-04-20T00:00:00.000Z',
    '+275760-09-13T00:00:00.000Z',
    '0001-01-01',
    '1969-12-31T23:59:59Z',
    '9999-12-31T23:59:59Z',
    'yesterday',
  ),
  nasty,
);

const entityRef = fc.oneof(
  fc.constantFrom(
    'component:default/payments-service',
    'system:default/payments',
    'user:default/bob',
  ),
  nasty,
);

const draftBody = fc.record(
  {
    type: fc.oneof(fc.constantFrom('standard', 'emergency'), nasty),
    title: nasty,
    description: nasty,
    risks: nasty,
    testingNotes: nasty,
    pullRequestUrl: fc.oneof(fc.constant('https://example.com/pr/1'), nasty),
    incident: fc.record({
      ref: nasty,
      severity: fc.oneof(fc.constant('P1'), nasty),
    }),
    proposedFix: nasty,
    affectedEntityRefs: fc.array(entityRef, { maxLength: 3 }),
  },
  { requiredKeys: [] },
);

type Request = {
  method: 'get' | 'post' | 'patch';
  path: string;
  body?: object;
};

/**
 * A URL carries bytes: a lone surrogate cannot be sent, but NUL and invalid
 * UTF-8 can, percent-encoded.
 */
const inUrl = (text: fc.Arbitrary<string>) =>
  fc.oneof(
    text.map(v => encodeURIComponent(v.toWellFormed())),
    fc.constantFrom('%00', '%FF%FE', '%ED%A0%80', '%C0%80'),
  );

/** A query string of some of these parameters. */
const queryOf = (params: Record<string, fc.Arbitrary<string>>) =>
  fc
    .record(
      Object.fromEntries(
        Object.entries(params).map(([k, v]) => [k, inUrl(v)]),
      ) as Record<string, fc.Arbitrary<string>>,
      { requiredKeys: [] },
    )
    .map(q =>
      Object.entries(q)
        .map(([k, v]) => `${k}=${v}`)
        .join('&'),
    );

/** One request of any kind the API serves, with hostile parts. */
function requests(changeId: string): fc.Arbitrary<Request> {
  const id = fc.oneof(fc.constant(changeId), inUrl(nasty));
  const get = (path: string): Request => ({ method: 'get', path });
  return fc.oneof(
    draftBody.map(body => ({
      method: 'post' as const,
      path: '/changes',
      body,
    })),
    fc
      .record(
        {
          action: fc.oneof(
            fc.constantFrom(...CHANGE_ACTIONS),
            nasty,
            fc.constantFrom<unknown>(
              null,
              7,
              ['submit'],
              // No string conversion: its `toString` is not a function.
              { toString: 'submit' },
              { valueOf: 'submit', toString: 'submit' },
            ),
          ),
          version: fc.oneof(fc.integer({ min: -2, max: 5 }), nasty),
          comment: nasty,
          reason: nasty,
        },
        { requiredKeys: ['action'] },
      )
      .chain(body =>
        id.map(target => ({
          method: 'post' as const,
          path: `/changes/${target}/actions`,
          body,
        })),
      ),
    fc
      .tuple(id, draftBody, fc.integer({ min: 0, max: 3 }))
      .map(([target, body, version]) => ({
        method: 'patch' as const,
        path: `/changes/${target}`,
        body: { ...body, version },
      })),
    id.map(target => get(`/changes/${target}`)),
    id.map(target => get(`/changes/${target}/events`)),
    queryOf({
      entityRef,
      author: nasty,
      cursor: nasty,
      state: nasty,
      limit: nasty,
      needsActionBy: nasty,
    }).map(q => get(`/changes?${q}`)),
    queryOf({ from: nastyTime, to: nastyTime, format: nasty }).map(q =>
      get(`/export?${q}`),
    ),
    queryOf({ at: nastyTime }).map(q => get(`/freeze?${q}`)),
  );
}

async function send(h: Harness, { method, path, body }: Request) {
  const as = h.as('alice');
  if (method === 'get') return as.get(path);
  return method === 'post' ? as.post(path, body) : as.patch(path, body);
}

describe('fuzzing the API', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it('answers 1,000 hostile requests without a 5xx, writes nothing on refusal, and the chain verifies', async () => {
      const h = await startChangeManagement({
        knex: await databases.init(databaseId),
      });
      const { body: change } = await h
        .as('alice')
        .post('/changes', drafts.standard);
      // Rows, and the version of the change the requests aim at.
      const counts = async () => [
        await h.count('changes'),
        await h.count('change_events'),
        (await h.knex('changes').where({ id: change.id }).first()).version,
      ];
      let refused = 0;
      await fc.assert(
        fc.asyncProperty(requests(change.id), async request => {
          const before = await counts();
          const res = await send(h, request);
          expect(res.status).toBeLessThan(500);
          // a refusal writes nothing
          const after = await counts();
          refused += res.status >= 400 ? 1 : 0;
          expect(res.status >= 400 ? after : before).toEqual(before);
        }),
        { numRuns: 1000, seed: SEED },
      );
      expect(refused).toBeGreaterThan(500);
      const verify = await h.as('oscar').get('/audit/verify');
      expect(verify.body).toMatchObject({ ok: true });
    });

    it('either refuses any text in a title and a reason, or keeps a chain that verifies', async () => {
      const h = await startChangeManagement({
        knex: await databases.init(databaseId),
      });
      await fc.assert(
        fc.asyncProperty(
          fc.string({ unit: 'binary', maxLength: 30 }),
          async text => {
            const created = await h
              .as('alice')
              .post('/changes', { ...drafts.standard, title: `t ${text}` });
            if (created.status === 201) {
              await h.as('alice').post(`/changes/${created.body.id}/actions`, {
                action: 'cancel',
                version: 1,
                reason: `r ${text}`,
              });
            }
            const verify = await h.as('oscar').get('/audit/verify');
            expect({ text, verify: verify.body.ok }).toEqual({
              text,
              verify: true,
            });
          },
        ),
        { numRuns: 200, seed: SEED },
      );
    });
  });
});
