import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The fenced code blocks of one section of this package's README (from its
 * heading to the next heading of any level), so that a test runs what the
 * README shows, not a copy of it.
 */
export function readmeBlocks(heading: string): string[] {
  const lines = readFileSync(
    resolve(__dirname, '../../README.md'),
    'utf8',
  ).split('\n');
  const start = lines.indexOf(heading);
  if (start < 0) {
    throw new Error(`The README has no section '${heading}'`);
  }
  const blocks: string[] = [];
  let block: string[] | undefined;
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('```')) {
      if (block) blocks.push(block.map(l => `${l}\n`).join(''));
      block = block ? undefined : [];
    } else if (block) {
      block.push(line);
    } else if (/^#{1,6} /.test(line)) {
      break;
    }
  }
  return blocks;
}
