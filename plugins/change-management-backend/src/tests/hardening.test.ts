import { drafts } from '../__testUtils__/changes';
import { startChangeManagement } from '../__testUtils__/harness';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

/** A cursor as a client could forge it. */
const cursor = (createdAt: string, id: string) =>
  Buffer.from(JSON.stringify([createdAt, id])).toString('base64url');

/**
 * What an independent attack on the API found: text neither database stores
 * as sent, times PostgreSQL cannot hold, and body limits at odds with the
 * schema. Each is refused before the database sees it, naming the field.
 */
describe('hostile input', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    const start = async () =>
      startChangeManagement({ knex: await databases.init(databaseId) });

    it.each([
      ['a lone surrogate in the title', { title: 'x \ud800' }, 'title'],
      ['a NUL in the description', { description: 'a\u0000b' }, 'description'],
      [
        'a NUL in an entity ref',
        { affectedEntityRefs: ['component:default/pay\u0000ments'] },
        'affectedEntityRefs.0',
      ],
      [
        'a lone surrogate in the incident',
        { incident: { ref: '\udfff', severity: 'P1' } },
        'incident.ref',
      ],
      [
        'a 90,000-character PR URL',
        { pullRequestUrl: `https://example.com/${'a'.repeat(90_000)}` },
        'pullRequestUrl',
      ],
    ])('refuses a create with %s, naming it', async (_, fields, path) => {
      const h = await start();
      const res = await h
        .as('alice')
        .post('/changes', { ...drafts.standard, ...fields });
      expect(res.status).toBe(400);
      expect(res.body.error.issues).toEqual([
        expect.objectContaining({ path }),
      ]);
      expect(await h.count('changes')).toBe(0);
    });

    it('refuses a reason that is not storable text, and the chain still verifies', async () => {
      const h = await start();
      const { body } = await h.as('alice').post('/changes', drafts.standard);
      const res = await h.as('alice').post(`/changes/${body.id}/actions`, {
        action: 'cancel',
        version: 1,
        reason: 'x \ud800',
      });
      expect(res.status).toBe(400);
      expect(res.body.error.issues).toEqual([
        expect.objectContaining({ path: 'reason' }),
      ]);
      const verify = await h.as('oscar').get('/audit/verify');
      expect(verify.body).toMatchObject({ ok: true, checked: 1 });
    });

    it.each([
      ['/changes?author=a%00b', 'author'],
      ['/changes?entityRef=component%3Adefault%2F%00', 'entityRef'],
      ['/changes/%00', 'id'],
      ['/changes/not-a-change/events', 'id'],
      [
        `/changes?cursor=${cursor(
          '-271821-04-20T00:00:00.000Z',
          '00000000-0000-4000-8000-000000000000',
        )}`,
        'cursor',
      ],
      [
        `/changes?cursor=${cursor('2026-01-01T00:00:00.000Z', 'a\u0000')}`,
        'cursor',
      ],
      ['/export?from=-271821-04-20&to=2026-01-01', 'from'],
      ['/export?from=2026-01-01&to=%2B275760-09-13', 'to'],
      ['/freeze?at=0001-01-01', 'at'],
      ['/freeze?entityRef=payments', 'entityRef'],
      ['/freeze?entityRef=component:default/nope', 'entityRef'],
    ])('answers GET %s with 400 naming %s', async (path, field) => {
      const h = await start();
      const res = await h.as('oscar').get(path);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({
        name: 'InputError',
        issues: [expect.objectContaining({ path: field })],
      });
    });

    it('accepts the largest valid draft, written in 3-byte characters', async () => {
      const h = await start();
      const long = '€'.repeat(20_000);
      const res = await h.as('alice').post('/changes', {
        ...drafts.emergency,
        description: long,
        risks: long,
        testingNotes: long,
        proposedFix: long,
      });
      expect(res.status).toBe(201);
    });

    it('answers 413 for a body over the limit and 415 for one that is not JSON', async () => {
      const h = await start();
      const tooLarge = await h.as('alice').post('/changes', {
        ...drafts.standard,
        description: 'x'.repeat(1_100_000),
      });
      expect(tooLarge.status).toBe(413);
      expect(tooLarge.body.error.name).toBe('PayloadTooLargeError');
      const notJson = await h
        .as('alice')
        .post('/changes', 'type=standard')
        .set('Content-Type', 'text/plain');
      expect(notJson.status).toBe(415);
      expect(notJson.body.error.name).toBe('UnsupportedMediaTypeError');
      expect(await h.count('changes')).toBe(0);
    });
  });
});
