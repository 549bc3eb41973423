import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
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
  // The package build reads the declarations `yarn tsc` writes to
  // dist-types, which a fresh checkout has not made yet.
  log('type declarations (yarn tsc), then plugins/change-management');
  execFileSync('yarn', ['tsc'], { cwd: root, stdio: 'pipe' });
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
  const firstRender = firstRenderCalls(log);
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
    '',
    'API calls on first render (the real client; names through the',
    "catalog's entity presentation, which batches them):",
    '',
    '| view | change-management calls | catalog calls | requests |',
    '| --- | ---: | ---: | --- |',
    ...Object.entries(firstRender).map(
      ([view, { requests, catalog }]) =>
        `| ${view} | ${requests.length} | ${catalog.length} | ${requests
          .map(r => `\`${r}\``)
          .join('<br>')} |`,
    ),
  ].join('\n');
  return { json: { files, total, firstRender }, markdown };
}

/**
 * The requests of the Changes tab and the entity card on first render, as
 * recorded by the plugin's own test of them (src/firstRender.test.tsx),
 * which also fails if they change.
 */
function firstRenderCalls(
  log: (m: string) => void,
): Record<string, { requests: string[]; catalog: string[] }> {
  log('first render: the tab and the card, through the real client');
  const out = path.join(os.tmpdir(), `first-render-${process.pid}.json`);
  execFileSync(
    'yarn',
    ['backstage-cli', 'package', 'test', 'src/firstRender.test.tsx'],
    {
      cwd: plugin,
      stdio: 'pipe',
      // jsdom logs every stylesheet it cannot parse, over 1 MB here: with
      // node's default buffer the run died with ENOBUFS at its last step.
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, CI: 'true', FIRST_RENDER_OUT: out },
    },
  );
  const calls = JSON.parse(fs.readFileSync(out, 'utf8'));
  fs.rmSync(out);
  return calls;
}
