import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { drafts } from '../__testUtils__/changes';
import { startChangeManagement } from '../__testUtils__/harness';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

describe('requests the API must refuse', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    const start = async (extraFeatures: any[] = []) =>
      startChangeManagement({
        knex: await databases.init(databaseId),
        extraFeatures,
      });

    it.each([
      ['no type', { ...drafts.standard, type: undefined }, /type/],
      ['a wrong type', { ...drafts.standard, type: 'minor' }, /type/],
      ['a number as title', { ...drafts.standard, title: 42 }, /title/],
      [
        'no entities',
        { ...drafts.standard, affectedEntityRefs: undefined },
        /affectedEntityRefs/,
      ],
      [
        'a bad entity ref',
        { ...drafts.standard, affectedEntityRefs: ['payments'] },
        /not an entity ref/,
      ],
      [
        'an unknown entity',
        { ...drafts.standard, affectedEntityRefs: ['component:default/nope'] },
        /Unknown or invisible/,
      ],
      [
        'a non-http PR URL',
        { ...drafts.standard, pullRequestUrl: 'ftp://example.com/pr/1' },
        /http/,
      ],
      [
        'a P3 incident',
        { ...drafts.emergency, incident: { ref: 'INC-1', severity: 'P3' } },
        /severity/,
      ],
      [
        'an author in the body',
        { ...drafts.standard, createdBy: 'user:default/carol' },
        /createdBy/,
      ],
      [
        'a state in the body',
        { ...drafts.standard, state: 'approved' },
        /state/,
      ],
    ])(
      'refuses a create with %s, writing nothing',
      async (_, body, message) => {
        const h = await start();
        const res = await h.as('alice').post('/changes', body);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(message);
        expect(await h.count('changes')).toBe(0);
        expect(await h.count('change_events')).toBe(0);
      },
    );

    it('refuses a 1 MB body with a 4xx', async () => {
      const h = await start();
      const res = await h.as('alice').post('/changes', {
        ...drafts.standard,
        description: 'x'.repeat(1024 * 1024),
      });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(await h.count('changes')).toBe(0);
    });

    it('keeps unicode and HTML in text fields as text', async () => {
      const h = await start();
      const title = 'Zahlungsdienst 💳 — <script>alert("x")</script> & ünïcödé';
      const created = await h
        .as('alice')
        .post('/changes', { ...drafts.standard, title });
      expect(created.status).toBe(201);
      const read = await h.as('bob').get(`/changes/${created.body.id}`);
      expect(read.body.title).toBe(title);
    });

    it.each([
      [
        'an unknown action',
        { action: 'merge', version: 1 },
        400,
        {
          name: 'InputError',
          issues: [expect.objectContaining({ path: 'action' })],
        },
      ],
      [
        // An object whose `toString` is not a function cannot be converted
        // to a string: the action must be read, not converted.
        'an object for the action',
        { action: { toString: 'submit' }, version: 1 },
        400,
        {
          name: 'InputError',
          issues: [expect.objectContaining({ path: 'action' })],
        },
      ],
      [
        'no version',
        { action: 'submit' },
        400,
        {
          name: 'InputError',
          issues: [expect.objectContaining({ path: 'version' })],
        },
      ],
      [
        'a string version',
        { action: 'submit', version: '1' },
        400,
        {
          name: 'InputError',
          issues: [expect.objectContaining({ path: 'version' })],
        },
      ],
      [
        'a missing required field',
        { action: 'cancel', version: 1 },
        400,
        {
          name: 'InputError',
          issues: [{ path: 'reason', message: 'Reason is required' }],
        },
      ],
      [
        'an actor in the body',
        { action: 'submit', version: 1, actor: 'user:default/bob' },
        400,
        {
          name: 'InputError',
          issues: [
            expect.objectContaining({
              message: expect.stringMatching(/actor/),
            }),
          ],
        },
      ],
      [
        'a stale version',
        { action: 'submit', version: 7 },
        409,
        {
          name: 'StaleVersionError',
          message: expect.stringMatching(/version 1, you sent 7/),
          currentVersion: 1,
        },
      ],
    ])('refuses an action with %s', async (_, body, status, error) => {
      const h = await start();
      const created = await h.as('alice').post('/changes', drafts.standard);
      const res = await h
        .as('alice')
        .post(`/changes/${created.body.id}/actions`, body);
      expect(res.status).toBe(status);
      expect(res.body.error).toMatchObject(error);
      expect(await h.count('change_events')).toBe(1);
    });

    it('audits a refused action as failed, naming the action only if it is text', async () => {
      const auditor = mockServices.auditor.mock();
      const h = await start([auditor.factory]);
      const created = await h.as('alice').post('/changes', drafts.standard);
      const id = created.body.id;
      for (const action of ['merge', { toString: 'submit' }]) {
        const res = await h
          .as('alice')
          .post(`/changes/${id}/actions`, { action, version: 1 });
        expect(res.status).toBe(400);
      }
      const actionEvents = auditor.createEvent.mock.calls
        .map(([options], i) => [options, i] as const)
        .filter(([options]) => options.eventId === 'change-action');
      expect(actionEvents.map(([options]) => options.meta)).toEqual([
        { changeId: id, action: 'merge' },
        { changeId: id, action: undefined },
      ]);
      for (const [, i] of actionEvents) {
        const event = await auditor.createEvent.mock.results[i].value;
        expect(event.fail).toHaveBeenCalledTimes(1);
        expect(event.success).not.toHaveBeenCalled();
      }
    });

    it('names each missing field when a draft is submitted', async () => {
      const h = await start();
      const created = await h.as('alice').post('/changes', {
        type: 'standard',
        title: 'Half a change',
        affectedEntityRefs: [],
      });
      const res = await h
        .as('alice')
        .post(`/changes/${created.body.id}/actions`, {
          action: 'submit',
          version: 1,
        });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({
        name: 'InputError',
        message:
          'Cannot submit yet; missing: description, risks, testingNotes, affectedEntityRefs, pullRequestUrl',
      });
      expect(
        res.body.error.issues.map((i: { path: string }) => i.path),
      ).toEqual([
        'description',
        'risks',
        'testingNotes',
        'affectedEntityRefs',
        'pullRequestUrl',
      ]);
    });

    it.each([
      ['/changes?cursor=bm9wZQ', /Malformed cursor/, 'cursor'],
      ['/changes?limit=1000', /limit/, 'limit'],
      ['/changes?limit=abc', /limit/, 'limit'],
      ['/changes?state=shipped', /state/, 'state'],
      ['/changes?unknown=1', /unknown/, 'unknown'],
      ['/freeze?at=yesterday', /ISO 8601/, 'at'],
      ['/export?from=2026-02-01&to=2026-01-01', /from before to/, 'to'],
    ])('answers GET %s with a readable 400', async (path, message, field) => {
      const h = await start();
      const res = await h.as('oscar').get(path);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({
        name: 'InputError',
        message: expect.stringMatching(message),
        issues: [expect.objectContaining({ path: field })],
      });
    });

    it('answers an unknown change with 404', async () => {
      const h = await start();
      const res = await h
        .as('oscar')
        .get('/changes/00000000-0000-4000-8000-000000000000');
      expect(res.status).toBe(404);
    });

    it('needs a user: 401 without a token, 403 for a service token', async () => {
      const h = await start();
      const created = await h.as('alice').post('/changes', drafts.standard);
      // The mock auth reads "no token" from this header; without any header
      // it would act as a default test user.
      const anonymous = await request(h.server)
        .get('/api/change-management/changes')
        .set('Authorization', mockCredentials.none.header());
      expect(anonymous.status).toBe(401);
      const service = await request(h.server)
        .post(`/api/change-management/changes/${created.body.id}/actions`)
        .set('Authorization', mockCredentials.service.header())
        .send({ action: 'submit', version: 1 });
      expect(service.status).toBe(403);
      expect(await h.count('change_events')).toBe(1);
    });

    it('refuses what the permission policy denies, writing nothing', async () => {
      const h = await start([
        mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
      ]);
      const res = await h.as('alice').post('/changes', drafts.standard);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/permission policy/);
      expect(await h.count('changes')).toBe(0);
    });

    it('edits a draft at the version seen, author only', async () => {
      const h = await start();
      const created = await h.as('alice').post('/changes', drafts.standard);
      const edit = {
        ...drafts.standard,
        title: 'Upgrade the PSP SDK to v5.1',
        version: 1,
      };
      const byBob = await h
        .as('bob')
        .patch(`/changes/${created.body.id}`, edit);
      expect(byBob.status).toBe(403);
      expect(byBob.body.error.name).toBe('NotAllowedError');
      const edited = await h
        .as('alice')
        .patch(`/changes/${created.body.id}`, edit);
      expect(edited.body).toMatchObject({
        title: 'Upgrade the PSP SDK to v5.1',
        version: 2,
      });
      const stale = await h
        .as('alice')
        .patch(`/changes/${created.body.id}`, edit);
      expect(stale.status).toBe(409);
      expect(stale.body.error).toMatchObject({
        name: 'StaleVersionError',
        currentVersion: 2,
      });
      const retyped = await h.as('alice').patch(`/changes/${created.body.id}`, {
        ...edit,
        type: 'emergency',
        version: 2,
      });
      expect(retyped.status).toBe(400);
      expect(retyped.body.error.issues).toEqual([
        { path: 'type', message: "Must stay 'standard'" },
      ]);
      await h.act('alice', created.body.id, 'submit');
      const late = await h
        .as('alice')
        .patch(`/changes/${created.body.id}`, { ...edit, version: 3 });
      expect(late.status).toBe(409);
      expect(late.body.error).toMatchObject({
        name: 'InvalidTransitionError',
        state: 'in_review',
        allowedActions: ['review', 'request-changes', 'waive-review', 'cancel'],
      });
      expect(await h.count('change_events')).toBe(3);
    });
  });
});
