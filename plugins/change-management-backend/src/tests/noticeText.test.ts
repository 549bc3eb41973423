import { drafts } from '../__testUtils__/changes';
import { startChangeManagement } from '../__testUtils__/harness';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

/**
 * Titles from the attack on the API. Each reached the reviewer's notice as
 * it was typed; a notice carries them as plain text, one line, without
 * controls or direction overrides, capped.
 */
const TITLES: [string, string, string][] = [
  [
    'markup',
    '<img src=x onerror=alert(1)> SDK upgrade',
    '<img src=x onerror=alert(1)> SDK upgrade',
  ],
  [
    'a markdown link',
    '[Approve now](javascript:alert(document.cookie))',
    '[Approve now] (javascript:alert(document.cookie))',
  ],
  [
    'a right-to-left override',
    'Rotate keys \u202Egnp.exe\u202C and\u0007 notes\u001B[2J\nsecond line',
    'Rotate keys gnp.exe and notes[2J second line',
  ],
  ['the longest title', `${'x'.repeat(199)}\u2066`, `${'x'.repeat(170)}…`],
];

describe('the text of notices', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it.each(TITLES)(
      'tells the reviewer of a title with %s in plain text',
      async (_, title, shown) => {
        const h = await startChangeManagement({
          knex: await databases.init(databaseId),
        });
        const { body } = await h
          .as('alice')
          .post('/changes', { ...drafts.standard, title });
        expect(body.title).toBe(title.trim());
        await h.act('alice', body.id, 'submit');
        const [{ payload }] = h.sent;
        const full = `Change waits on your review: ${shown}`;
        expect(payload.title).toBe(
          full.length > 200 ? `${full.slice(0, 199)}…` : full,
        );
        expect(payload.title.length).toBeLessThanOrEqual(200);
        expect(payload.description).toContain(
          `submitted "${shown.replace(/…$/, '')}`,
        );
        expect(payload.description).not.toMatch(
          // eslint-disable-next-line no-control-regex
          /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]|\]\(/,
        );
      },
    );
  });
});
