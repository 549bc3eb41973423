/*
 * yarn bench [--tiers 1k,100k,1M] [--seconds 8] [--connections 8]
 *            [--reuse-build] [--keep] [--cpu-prof]
 *
 * Builds the production backend, and for each tier starts it on the local
 * PostgreSQL in its own databases (cm_bench_<tier>_*), seeds the changes in
 * bulk, drives loopback load with autocannon and writes a markdown table, a
 * JSON file and the query plans to bench-results/<date>/ (git-ignored).
 * See packages/bench/README.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildBackend, root, unpackBackend } from './backend';
import { frontendReport } from './frontend';
import { machine, markdown, targetsOf } from './report';
import { runTier, TierResult, writeJson } from './tier';

const TIERS: Record<string, number> = {
  '1k': 1_000,
  '100k': 100_000,
  '1M': 1_000_000,
};

async function main() {
  const { values } = parseArgs({
    options: {
      tiers: { type: 'string', default: '1k,100k,1M' },
      seconds: { type: 'string', default: '8' },
      connections: { type: 'string', default: '8' },
      'reuse-build': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      // Another port runs beside a bench on 7207, in databases of its own.
      port: { type: 'string', default: '7207' },
      // e.g. --only "catalog,get by id": the targets whose names hold one.
      only: { type: 'string' },
      'skip-frontend': { type: 'boolean', default: false },
      // The backend's CPU profile, to open in Chrome's DevTools.
      'cpu-prof': { type: 'boolean', default: false },
    },
  });
  const tiers = values.tiers.split(',').map(t => t.trim());
  for (const tier of tiers) {
    if (!TIERS[tier])
      throw new Error(
        `Unknown tier ${tier}; use ${Object.keys(TIERS).join(', ')}`,
      );
  }
  const started = Date.now();
  const log = (message: string) =>
    console.log(
      `[bench ${((Date.now() - started) / 1000)
        .toFixed(0)
        .padStart(4)}s] ${message}`,
    );
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const outDir = path.join(root, 'bench-results', stamp);
  fs.mkdirSync(outDir, { recursive: true });

  buildBackend(values['reuse-build'], log);
  const backendDir = path.join(root, 'bench-results', '.backend');
  unpackBackend(backendDir);

  const results: TierResult[] = [];
  for (const tier of tiers) {
    log(`tier ${tier}: ${TIERS[tier].toLocaleString('en')} changes`);
    results.push(
      await runTier({
        name: tier,
        count: TIERS[tier],
        backendDir,
        outDir,
        port: Number(values.port),
        only: values.only?.split(',').map(term => term.trim()),
        seconds: Number(values.seconds),
        connections: Number(values.connections),
        keep: values.keep,
        cpuProf: values['cpu-prof'],
        log: m => log(`${tier}: ${m}`),
      }),
    );
    // Written after each tier, so a long run leaves what it measured.
    const info = {
      ...machine(),
      seconds: values.seconds,
      connections: values.connections,
    };
    const targets = targetsOf(results);
    writeJson(path.join(outDir, 'results.json'), { info, results, targets });
    fs.writeFileSync(
      path.join(outDir, 'results.md'),
      markdown(info, results, targets),
    );
  }
  const frontend = values['skip-frontend']
    ? { json: undefined, markdown: undefined }
    : (log('frontend: the plugin build, gzipped, and the first render'),
      await frontendReport(log));
  const info = {
    ...machine(),
    seconds: values.seconds,
    connections: values.connections,
  };
  const targets = targetsOf(results);
  writeJson(path.join(outDir, 'results.json'), {
    info,
    results,
    targets,
    frontend: frontend.json,
  });
  const md = markdown(info, results, targets, frontend.markdown);
  fs.writeFileSync(path.join(outDir, 'results.md'), md);
  console.log(`\n${md}`);
  log(
    `wrote ${path.relative(root, outDir)}/results.md, results.json and plans/`,
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
