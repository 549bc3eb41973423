import { attachmentOf, fileNameOf } from './attachment';

describe('fileNameOf', () => {
  it.each([
    [
      'attachment; filename="change-log-2026-01-01.csv"',
      'change-log-2026-01-01.csv',
    ],
    ['attachment; filename=change-log.csv', 'change-log.csv'],
    ['attachment; filename="a \\"b\\".csv"', 'a "b".csv'],
    // Express writes both for a name outside ASCII; the UTF-8 one wins.
    [
      `attachment; filename="change-log-?.csv"; filename*=UTF-8''change-log-%C3%A9.csv`,
      'change-log-é.csv',
    ],
    [
      `attachment; filename*=UTF-8''bad%E0.csv; filename="plain.csv"`,
      'plain.csv',
    ],
  ])('reads %s', (header, name) => {
    expect(fileNameOf(header)).toBe(name);
  });

  it.each([[null], [''], ['attachment'], ['attachment; filename=""']])(
    'names nothing for %p',
    header => {
      expect(fileNameOf(header)).toBeUndefined();
    },
  );
});

describe('attachmentOf', () => {
  it('keeps the body and the name the response gives', async () => {
    const file = await attachmentOf(
      new Response('PK', {
        headers: { 'Content-Disposition': 'attachment; filename="x.zip"' },
      }),
    );
    expect(file.fileName).toBe('x.zip');
    expect(await new Response(file.blob).text()).toBe('PK');
  });
});
