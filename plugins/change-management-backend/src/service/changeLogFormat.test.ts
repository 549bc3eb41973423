import { stringify } from 'csv-stringify/sync';
import { csvCell } from './changeLogFormat';

describe('csvCell', () => {
  // The export writes its CSV by hand for speed; it must write what
  // csv-stringify with escape_formulas writes, byte for byte.
  const cells = [
    '',
    'plain',
    'a, b',
    'say "hi"',
    'two\nlines',
    'carriage\rreturn',
    'crlf\r\nend',
    '=1+1',
    '+1',
    '-1',
    '@SUM(A1)',
    '\t=1+1',
    '\r=1+1',
    '=HYPERLINK("http://x", "y")',
    '-2, with a comma',
    '\uFF1D1+1',
    '\uFF0B1',
    '\uFF0D1',
    '\uFF20A1',
    "'already quoted",
    'middle = sign',
    'ünïcödé – dash',
  ];

  it.each(cells)('writes %j as csv-stringify does', cell => {
    expect(`${csvCell(cell)}\n`).toBe(
      stringify([[cell]], { escape_formulas: true }),
    );
  });

  it('writes a row of them as csv-stringify does', () => {
    expect(`${cells.map(csvCell).join(',')}\n`).toBe(
      stringify([cells], { escape_formulas: true }),
    );
  });
});
