import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The browser tests' clock (modules/e2eClock) lets anyone move the
 * change-management clock without signing in. Only src/e2e.ts may bring it
 * in; these tests keep it out of what `yarn build:backend` ships.
 */

// Any e2e module, the clock's or the fake GitHub's plugin id, or the route.
const E2E = /e2e-?clock|e2e-?github|\/e2e['"]/i;

/** The files src/index.ts reaches through relative imports. */
function importGraph(entry: string, seen = new Set<string>()): Set<string> {
  seen.add(entry);
  const source = fs.readFileSync(entry, 'utf8');
  const specifiers = source.matchAll(
    /(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"](\.[^'"]+)['"]/g,
  );
  for (const [, specifier] of specifiers) {
    const base = path.resolve(path.dirname(entry), specifier);
    const file = ['.ts', '.tsx', '/index.ts', ''].find(ext =>
      fs.existsSync(`${base}${ext}`),
    );
    if (file === undefined) {
      throw new Error(`${entry}: cannot resolve ${specifier}`);
    }
    if (!seen.has(`${base}${file}`)) importGraph(`${base}${file}`, seen);
  }
  return seen;
}

describe('the production entry, src/index.ts', () => {
  const graph = [...importGraph(path.join(__dirname, 'index.ts'))];

  it('reaches the shared feature list', () => {
    // Proves the graph is followed at all.
    expect(graph).toContain(path.join(__dirname, 'backend.ts'));
    expect(graph).toContain(
      path.join(__dirname, 'modules/permissionPolicy.ts'),
    );
  });

  it('never reaches the e2e clock', () => {
    expect(graph.filter(file => E2E.test(file))).toEqual([]);
    for (const file of graph) {
      expect({ file, e2e: E2E.test(fs.readFileSync(file, 'utf8')) }).toEqual({
        file,
        e2e: false,
      });
    }
  });

  it('is what the e2e entry builds on, plus the clock and the fake GitHub', () => {
    const e2e = [...importGraph(path.join(__dirname, 'e2e.ts'))];
    expect(e2e).toEqual(
      expect.arrayContaining(graph.filter(f => !f.endsWith('index.ts'))),
    );
    expect(e2e).toContain(path.join(__dirname, 'modules/e2eClock.ts'));
    expect(e2e).toContain(path.join(__dirname, 'modules/e2eGithub.ts'));
  });
});

// `yarn build:backend` packs the backend into dist/bundle.tar.gz; when it is
// there, it must not hold the clock either. A bundle built before the clock
// moved out of src/index.ts fails here: rebuild it.
const bundle = path.resolve(__dirname, '../dist/bundle.tar.gz');
const describeWithBundle = fs.existsSync(bundle) ? describe : describe.skip;

describeWithBundle('the built backend, dist/bundle.tar.gz', () => {
  it('has no e2e clock', () => {
    const files = execFileSync('tar', ['-tzf', bundle], { encoding: 'utf8' })
      .split('\n')
      .filter(f => f.startsWith('packages/backend/dist/'));
    expect(files).toContain('packages/backend/dist/index.cjs.js');
    expect(files.filter(f => /e2e/i.test(f))).toEqual([]);
    const code = execFileSync(
      'tar',
      ['-xzOf', bundle, 'packages/backend/dist'],
      {
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
      },
    );
    expect(code).toContain('createAppBackend');
    expect(code).not.toMatch(E2E);
  });
});
