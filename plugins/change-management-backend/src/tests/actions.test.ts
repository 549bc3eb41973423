import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { drafts } from '../__testUtils__/changes';
import {
  Harness,
  startChangeManagement,
  UserName,
} from '../__testUtils__/harness';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

// The actions as the MCP actions backend calls them: over HTTP, through the
// real actions registry of the test backend, as the caller.

const REGISTRY = '/.backstage/actions/v1/actions';

const invoke = (h: Harness, user: UserName, name: string, input: object) =>
  h.as(user).post(`${REGISTRY}/change-management:${name}/invoke`, input);

/** The same, with a pipeline's service token (external:test-service). */
const invokeAsPipeline = (h: Harness, name: string, input: object) =>
  request(h.server)
    .post(`/api/change-management${REGISTRY}/change-management:${name}/invoke`)
    .set('Authorization', mockCredentials.service.header())
    .send(input);

describe('actions for automation and AI agents', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    const start = async (extraFeatures: any[] = []) =>
      startChangeManagement({
        knex: await databases.init(databaseId),
        extraFeatures,
      });

    it('registers exactly four actions, and none that decides', async () => {
      const h = await start();
      const { body } = await h.as('alice').get(REGISTRY);
      // A person makes every decision: nothing that reviews, approves, signs
      // off, deploys or takes any other workflow step may be registered.
      const reads = { readOnly: true, destructive: false, idempotent: true };
      expect(
        body.actions.map((a: { id: string; attributes: object }) => [
          a.id,
          a.attributes,
        ]),
      ).toEqual([
        ['change-management:get-change', reads],
        ['change-management:list-changes', reads],
        ['change-management:check-gate', reads],
        [
          'change-management:create-change',
          { readOnly: false, destructive: false, idempotent: false },
        ],
      ]);
      const approve = await invoke(h, 'carol', 'approve', {});
      expect(approve.status).toBe(404);
    });

    it('get-change answers as GET /changes/:id does, for each caller', async () => {
      const h = await start();
      const created = await h.as('alice').post('/changes', drafts.standard);
      for (const user of ['alice', 'bob'] as const) {
        const res = await invoke(h, user, 'get-change', {
          id: created.body.id,
        });
        expect(res.status).toBe(200);
        const direct = await h.as(user).get(`/changes/${created.body.id}`);
        expect(res.body.output).toEqual(direct.body);
      }
      const missing = await invoke(h, 'alice', 'get-change', {
        id: '00000000-0000-4000-8000-000000000000',
      });
      expect(missing.status).toBe(404);
    });

    it('list-changes answers as GET /changes does with the same filters', async () => {
      const h = await start();
      await h.as('alice').post('/changes', drafts.standard);
      await h.as('alice').post('/changes', drafts.emergency);
      const bobs = await h.as('bob').post('/changes', drafts.infrastructure);
      await h.act('bob', bobs.body.id, 'submit');
      // [the action's input, the same filters as a query string, how many]
      const pages = [
        [{}, '', 3],
        [{ limit: 1 }, '?limit=1', 1],
        [{ state: ['in_review'] }, '?state=in_review', 1],
        [{ state: ['draft', 'in_review'] }, '?state=draft,in_review', 3],
        [
          { author: 'user:default/alice', type: 'emergency' },
          '?author=user:default/alice&type=emergency',
          1,
        ],
        [{ needsActionByMe: true }, '?needsActionBy=me', 3],
        [{ inFlight: true }, '?inFlight=true', 1],
        [{ overdue: true }, '?overdue=true', 0],
        [
          { entityRef: 'resource:default/payments-db' },
          '?entityRef=resource:default/payments-db',
          1,
        ],
      ] as const;
      for (const [input, query, count] of pages) {
        const res = await invoke(h, 'alice', 'list-changes', input);
        expect(res.status).toBe(200);
        const direct = await h.as('alice').get(`/changes${query}`);
        expect(res.body.output).toEqual(direct.body);
        expect(direct.body.items).toHaveLength(count);
      }
      // Bob's change waits on a reviewer other than him, and he has no
      // drafts: nothing waits on him.
      const bobsQueue = await invoke(h, 'bob', 'list-changes', {
        needsActionByMe: true,
      });
      expect(bobsQueue.body.output).toEqual(
        (await h.as('bob').get('/changes?needsActionBy=me')).body,
      );
      expect(bobsQueue.body.output.items).toHaveLength(0);
      const first = await invoke(h, 'alice', 'list-changes', { limit: 2 });
      const next = await invoke(h, 'alice', 'list-changes', {
        limit: 2,
        cursor: first.body.output.nextCursor,
      });
      expect(next.body.output.items).toHaveLength(1);
      expect(next.body.output.nextCursor).toBeUndefined();
    });

    it('check-gate answers as GET /gate does, for a user and a pipeline', async () => {
      const h = await start();
      const created = await h.as('alice').post('/changes', drafts.standard);
      const changeId = created.body.id;
      for (const environment of ['production', 'staging'] as const) {
        const direct = await h
          .as('alice')
          .get(`/gate?changeId=${changeId}&environment=${environment}`);
        const byUser = await invoke(h, 'alice', 'check-gate', {
          changeId,
          environment,
        });
        expect(byUser.body.output).toEqual(direct.body);
        const byPipeline = await invokeAsPipeline(h, 'check-gate', {
          changeId,
          environment,
        });
        expect(byPipeline.body.output).toEqual(direct.body);
      }
    });

    it('create-change raises a draft by the caller, audited, and submits nothing', async () => {
      const auditor = mockServices.auditor.mock();
      const h = await start([auditor.factory]);
      const res = await invoke(h, 'alice', 'create-change', drafts.standard);
      expect(res.status).toBe(200);
      const change = res.body.output;
      expect(change).toMatchObject({
        state: 'draft',
        version: 1,
        createdBy: 'user:default/alice',
        title: drafts.standard.title,
        affectedEntityRefs: drafts.standard.affectedEntityRefs,
        allowedActions: ['edit', 'submit', 'cancel'],
      });
      const events = await h.as('alice').get(`/changes/${change.id}/events`);
      expect(events.body.items).toEqual([
        expect.objectContaining({
          action: 'create',
          toState: 'draft',
          actor: 'user:default/alice',
        }),
      ]);
      expect(await h.count('changes')).toBe(1);
      expect(auditor.createEvent).toHaveBeenCalledWith({
        eventId: 'change-create',
        severityLevel: 'medium',
        meta: {
          actionId: 'change-management:create-change',
          principal: expect.objectContaining({
            type: 'user',
            userEntityRef: 'user:default/alice',
          }),
        },
      });
      const event = await auditor.createEvent.mock.results[0].value;
      expect(event.success).toHaveBeenCalledWith({
        meta: { changeId: change.id, state: 'draft' },
      });
    });

    it.each([
      ['get-change', 'a malformed id', { id: 'nope' }, /id must be the id/],
      ['list-changes', 'a limit of 500', { limit: 500 }, /from 1 to 100/],
      ['list-changes', 'an unknown filter', { status: 'draft' }, /Unrecog/],
      [
        'check-gate',
        'an unknown environment',
        { changeId: 'x', environment: 'dev' },
        /'production' or 'staging'/,
      ],
      [
        'create-change',
        'a blank title',
        { ...drafts.standard, title: '' },
        /Title is required/,
      ],
      [
        'create-change',
        'an unknown entity',
        { ...drafts.standard, affectedEntityRefs: ['component:default/nope'] },
        /Unknown or invisible/,
      ],
    ])(
      'refuses %s with %s, writing nothing',
      async (name, _, input, message) => {
        const h = await start();
        const res = await invoke(h, 'alice', name, input);
        expect(res.status).toBe(400);
        expect(res.body.error).toMatchObject({
          name: 'InputError',
          message: expect.stringMatching(message),
        });
        expect(await h.count('changes')).toBe(0);
      },
    );

    it('refuses every action the permission policy denies', async () => {
      const allowed = await start();
      const { body: change } = await allowed
        .as('alice')
        .post('/changes', drafts.standard);
      const h = await startChangeManagement({
        knex: allowed.knex,
        extraFeatures: [
          mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
        ],
      });
      for (const [name, input] of [
        ['get-change', { id: change.id }],
        ['list-changes', {}],
        ['check-gate', { changeId: change.id }],
        ['create-change', drafts.standard],
      ] as const) {
        const res = await invoke(h, 'alice', name, input);
        expect(res.status).toBe(403);
        expect(res.body.error).toMatchObject({
          name: 'NotAllowedError',
          message: expect.stringMatching(/permission policy/),
        });
      }
      expect(await h.count('changes')).toBe(1);
      expect(await h.count('change_events')).toBe(1);
    });

    it('lets a pipeline read, but neither list nor raise changes', async () => {
      const h = await start();
      const { body: change } = await h
        .as('alice')
        .post('/changes', drafts.standard);
      const read = await invokeAsPipeline(h, 'get-change', { id: change.id });
      expect(read.body.output).toMatchObject({
        id: change.id,
        allowedActions: [],
      });
      for (const [name, input] of [
        ['list-changes', {}],
        ['create-change', drafts.standard],
      ] as const) {
        const res = await invokeAsPipeline(h, name, input);
        expect(res.status).toBe(403);
        expect(res.body.error.message).toMatch(/signed-in user/);
      }
      const anonymous = await request(h.server)
        .post(
          `/api/change-management${REGISTRY}/change-management:get-change/invoke`,
        )
        .set('Authorization', mockCredentials.none.header())
        .send({ id: change.id });
      expect(anonymous.status).toBe(401);
      expect(await h.count('changes')).toBe(1);
    });
  });
});
