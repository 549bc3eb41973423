/**
 * Characters that change how text reads without being seen: C0 and C1
 * controls and DEL, the bidirectional embeddings, overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069) and marks (U+200E, U+200F, U+061C). A
 * U+202E in a title makes "exe.txt" read "txt.exe". Tabs and line breaks
 * become spaces, so a notice stays one paragraph.
 */
const LINE_BREAKS = /[\t\n\r\v\f\u0085\u2028\u2029]+/g;
const INVISIBLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** The longest title and description of a notice, in characters. @public */
export const NOTICE_LIMITS = { title: 200, description: 1000 } as const;

/**
 * A user's text as a notice, an event or a signal carries it: plain text,
 * one line, without invisible controls or direction overrides, at most
 * `maxLength` characters (code points) with an ellipsis where it was cut.
 * Backstage's notifications page renders it as text; a markdown inline link
 * (`[x](javascript:...)`) is broken apart too, for any client that renders
 * markdown.
 *
 * @public
 */
export function toNoticeText(text: string, maxLength: number): string {
  const plain = text
    .replace(LINE_BREAKS, ' ')
    .replace(INVISIBLE, '')
    .replace(/\]\(/g, '] (');
  const chars = Array.from(plain);
  return chars.length <= maxLength
    ? plain
    : `${chars.slice(0, maxLength - 1).join('')}…`;
}
