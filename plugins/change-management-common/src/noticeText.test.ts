import { toNoticeText } from './noticeText';

describe('toNoticeText', () => {
  it('keeps plain text as it is', () => {
    expect(toNoticeText('Rotate the payments DB password', 200)).toBe(
      'Rotate the payments DB password',
    );
  });

  it('drops controls and direction overrides, and joins lines', () => {
    expect(toNoticeText('invoice\u202Efdp.exe', 200)).toBe('invoicefdp.exe');
    expect(
      toNoticeText('a\u2066b\u2069c\u200Ed\u200Fe\u061Cf\u202Ag\u202Ch', 200),
    ).toBe('abcdefgh');
    expect(
      toNoticeText('bell\u0007 nul\u0000 csi\u009B esc\u001B[31m', 200),
    ).toBe('bell nul csi esc[31m');
    expect(toNoticeText('one\r\ntwo\tthree\u2028four', 200)).toBe(
      'one two three four',
    );
  });

  it('breaks a markdown link apart, and leaves markup as text', () => {
    expect(toNoticeText('[click](javascript:alert(1))', 200)).toBe(
      '[click] (javascript:alert(1))',
    );
    expect(toNoticeText('<img src=x onerror=alert(1)>', 200)).toBe(
      '<img src=x onerror=alert(1)>',
    );
  });

  it('caps the length with an ellipsis, without splitting a character', () => {
    expect(toNoticeText('x'.repeat(201), 200)).toBe(`${'x'.repeat(199)}…`);
    expect(toNoticeText('x'.repeat(200), 200)).toBe('x'.repeat(200));
    expect(toNoticeText('😀'.repeat(5), 3)).toBe('😀😀…');
  });
});
