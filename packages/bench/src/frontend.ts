import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { root } from './backend';

const plugin = path.join(root, 'plugins/change-management');

/**
 * The frontend plugin as an app bundles it: `backstage-cli package build`
 * writes its ESM chunks (one per lazily loaded part), each sized raw and
 * gzipped.
 */
export async function frontendReport(log: (m: string) => void) {
  log('building plugins/change-management');
  execFileSync('yarn', ['backstage-cli', 'package', 'build'], {
    cwd: plugin,
    stdio: 'pipe',
  });
  const dist = path.join(plugin, 'dist');
  const files = fs
    .readdirSync(dist, { recursive: true, encoding: 'utf8' })
    .filter(f => f.endsWith('.esm.js'))
    .map(f => {
      const code = fs.readFileSync(path.join(dist, f));
      return { file: f, bytes: code.length, gzip: gzipSync(code).length };
    })
    .sort((a, b) => b.gzip - a.gzip);
  const total = files.reduce(
    (sum, f) => ({ bytes: sum.bytes + f.bytes, gzip: sum.gzip + f.gzip }),
    { bytes: 0, gzip: 0 },
  );
  const kb = (b: number) => (b / 1024).toFixed(1);
  const markdown = [
    `The plugin's built ESM chunks (${files.length} files): ${kb(
      total.bytes,
    )} KiB, ${kb(total.gzip)} KiB gzipped. Largest:`,
    '',
    '| chunk | KiB | KiB gzipped |',
    '| --- | ---: | ---: |',
    ...files
      .slice(0, 10)
      .map(f => `| ${f.file} | ${kb(f.bytes)} | ${kb(f.gzip)} |`),
  ].join('\n');
  return { json: { files, total }, markdown };
}
