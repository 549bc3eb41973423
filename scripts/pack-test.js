/*
 * Proves that the plugin packages work when installed from their tarballs
 * into a Backstage that is not this repository, as another company would.
 *
 *   yarn test:pack      (1-2 minutes on a 2-core machine, most of it yarn)
 *
 * 1. Builds (`yarn build`) and `yarn pack`s every package under plugins/
 *    and packages/ that is not private (the plugins, their modules and the
 *    change-gate CLI), so a new sibling is covered without editing this file.
 * 2. Checks each tarball: the manifest points at dist (main, module, types,
 *    exports), dist has type declarations, no `workspace:` ranges are left,
 *    every published file of the source (migrations) is in it and the config
 *    schema is there (prepack compiles config.d.ts to config.schema.json,
 *    which is how @backstage/* backends ship it too).
 * 3. Installs the tarballs with yarn into a throwaway project outside the
 *    workspace (mktemp). The repo's yarn.lock seeds its lockfile, so
 *    @backstage/* resolve to exactly the versions this repo tests with and
 *    everything comes from the warm yarn cache, without network.
 * 4. Backend: a minimal backend (createBackend, the catalog, every backend
 *    plugin and module package and the plugins our modules extend), SQLite in a temp directory and a static
 *    external-access token. It waits for GET /api/change-management/health,
 *    then checks that the routes are mounted behind Backstage auth (no token:
 *    401; the static token, a service principal: 403, since changes are
 *    users' business; the OpenAPI contract: 200) and that the shipped
 *    migrations ran (knex_migrations in the plugin's SQLite file lists every
 *    file of migrations/). Creating a change would need a user sign-in
 *    provider and catalog users; the workflow itself is covered by the
 *    plugins' own tests, so this test stops at what packaging can break.
 * 5. Frontend: a full app build takes minutes, so instead each frontend
 *    package's entry points (`.`, `/alpha`) are bundled with esbuild, as an
 *    app's bundler would (which proves every import of dist resolves against
 *    the installed dependencies, lazily loaded components included), and the
 *    entry bundles are imported in Node: they export something and `/alpha`
 *    is a frontend plugin, inside a jsdom window, since core-components
 *    reads `window` as it loads. The lazy chunks are not run. Declared
 *    peer dependencies must be satisfied by what the project installed, and
 *    yarn must not report a peer that our package fails to pass on to its
 *    own dependencies. Library packages are require()d.
 *
 * The backend runs in its own process group and is killed with it; the temp
 * directory is removed at the end (KEEP_PACK_TEST_DIR=1 keeps it).
 */
const { execFileSync, spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { createRequire } = require('node:module');
const { checkCli, checkModules, moduleConfig } = require('./pack-test-runs');

const root = path.resolve(__dirname, '..');
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
const log = message => console.log(`[pack-test ${elapsed()}] ${message}`);
const readJson = file => JSON.parse(fs.readFileSync(file, 'utf8'));
/** The consumer backend, while it runs, so that an interrupt stops it too. */
let backend;

function check(condition, message) {
  if (!condition) throw new Error(message);
}

/** Runs a command; its output is shown only when it fails. */
function run(command, args, cwd) {
  try {
    return execFileSync(command, args, {
      cwd,
      encoding: 'utf8',
      stdio: 'pipe',
      env: process.env,
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    process.stdout.write(error.stdout ?? '');
    process.stderr.write(error.stderr ?? '');
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}`);
  }
}

function filesUnder(dir) {
  if (!fs.existsSync(dir)) return [];
  if (fs.statSync(dir).isFile()) return [''];
  return fs
    .readdirSync(dir, { recursive: true })
    .filter(f => fs.statSync(path.join(dir, f)).isFile());
}

/** The packages another company would install: the public ones. */
function publicPackages() {
  return ['plugins', 'packages']
    .flatMap(folder =>
      fs
        .readdirSync(path.join(root, folder))
        .map(name => path.join(root, folder, name)),
    )
    .filter(dir => fs.existsSync(path.join(dir, 'package.json')))
    .map(dir => ({ dir, manifest: readJson(path.join(dir, 'package.json')) }))
    .filter(({ manifest }) => !manifest.private)
    .map(({ dir, manifest }) => ({
      dir,
      name: manifest.name,
      role: manifest.backstage?.role,
      pluginId: manifest.backstage?.pluginId,
      pluginPackage: manifest.backstage?.pluginPackage,
      sourceFiles: manifest.files ?? [],
      sourceConfigSchema: manifest.configSchema,
    }));
}

/** Every file a manifest field (main, types, exports, ...) points at. */
function entryTargets(manifest) {
  const targets = ['main', 'module', 'types'].map(k => manifest[k]);
  const walk = value => {
    if (typeof value === 'string') targets.push(value);
    else if (value && typeof value === 'object') {
      Object.values(value).forEach(walk);
    }
  };
  walk(manifest.exports);
  return targets.filter(t => t && !t.startsWith('@') && t !== './package.json');
}

function checkTarball(pkg, unpacked, names) {
  const manifest = readJson(path.join(unpacked, 'package.json'));
  check(!manifest.private, `${pkg.name}: private`);
  for (const field of ['description', 'license', 'repository']) {
    check(manifest[field], `${pkg.name}: no ${field}`);
  }
  for (const field of ['dependencies', 'peerDependencies']) {
    for (const [dep, range] of Object.entries(manifest[field] ?? {})) {
      check(!range.startsWith('workspace:'), `${pkg.name}: ${dep}@${range}`);
    }
  }
  const siblings = manifest.backstage?.pluginPackages ?? [];
  for (const name of names) {
    check(
      siblings.includes(name),
      `${pkg.name}: backstage.pluginPackages lacks ${name} (yarn fix --publish)`,
    );
  }
  if (pkg.role === 'cli') {
    // A command line runs its source as it is: no dist, no types.
    check(
      manifest.bin && fs.existsSync(path.join(unpacked, manifest.bin)),
      `${pkg.name}: its bin ${manifest.bin} is missing from the tarball`,
    );
  }
  for (const target of pkg.role === 'cli' ? [] : entryTargets(manifest)) {
    check(
      /^(\.\/)?dist\//.test(target),
      `${pkg.name}: ${target} is not in dist`,
    );
    check(
      fs.existsSync(path.join(unpacked, target)),
      `${pkg.name}: ${target} is missing from the tarball`,
    );
  }
  check(
    pkg.role === 'cli' || /\.d\.ts$/.test(manifest.types ?? ''),
    `${pkg.name}: no types`,
  );
  // Everything else the source publishes is shipped, and a backend's
  // migrations are, whatever `files` says: without them it cannot start.
  const excluded = pkg.sourceFiles
    .filter(entry => entry.startsWith('!'))
    .map(entry => entry.slice(1));
  for (const entry of new Set([...pkg.sourceFiles, 'migrations'])) {
    if (entry === 'dist' || entry === pkg.sourceConfigSchema) continue;
    for (const file of filesUnder(path.join(pkg.dir, entry))) {
      const name = path.join(entry, file);
      // `files` negations (`!src/**/*.test.js`, `!src/__testUtils__`)
      const dropped = excluded.some(
        p => path.matchesGlob(name, p) || path.matchesGlob(name, `${p}/**`),
      );
      if (dropped) continue;
      check(
        fs.existsSync(path.join(unpacked, entry, file)),
        `${pkg.name}: ${path.join(entry, file)} is missing from the tarball`,
      );
    }
  }
  if (pkg.sourceConfigSchema) {
    const schema = path.join(unpacked, manifest.configSchema ?? '');
    check(
      manifest.configSchema && fs.existsSync(schema),
      `${pkg.name}: its config schema is missing from the tarball`,
    );
  }
  return manifest;
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/** Dependency ranges as this repo's app and backend write them. */
function repoRange(name) {
  for (const pkg of ['packages/backend', 'packages/app']) {
    const deps = readJson(path.join(root, pkg, 'package.json')).dependencies;
    if (deps[name]) return deps[name];
  }
  return undefined;
}

// The frontend bundles are browser code: Backstage's own core-components
// reads `window` as it loads (its Link guards window.open), so they are
// imported inside a jsdom window, the browser the unit tests run in.
function repoJsdomRange() {
  return `^${require('jsdom/package.json').version}`;
}

function browserGlobals(dir) {
  const { JSDOM } = createRequire(path.join(dir, 'package.json'))('jsdom');
  const { window } = new JSDOM('<!doctype html><html><body></body></html>', {
    url: 'http://localhost/',
  });
  for (const key of ['window', 'document', 'navigator', 'location']) {
    Object.defineProperty(globalThis, key, {
      value: key === 'window' ? window : window[key],
      configurable: true,
      writable: true,
    });
  }
  for (const key of Object.getOwnPropertyNames(window)) {
    if (!(key in globalThis) && /^[A-Z]/.test(key))
      globalThis[key] = window[key];
  }
}

/**
 * The plugins our modules extend that are not ours (search, scaffolder,
 * Tech Insights), installed as the repo's backend installs them, so that
 * each module runs in the throwaway backend.
 */
function parentPlugins(packages) {
  const ours = new Set(packages.map(p => p.name));
  return [
    ...new Set(
      packages
        .filter(p => p.role === 'backend-plugin-module' && p.pluginPackage)
        .map(p => p.pluginPackage)
        .filter(
          name =>
            !ours.has(name) && name !== '@backstage/plugin-catalog-backend',
        ),
    ),
  ];
}

function writeConsumer(dir, packages, tarballs) {
  const rootManifest = readJson(path.join(root, 'package.json'));
  const dependencies = { esbuild: '^0.28.1', jsdom: repoJsdomRange() };
  for (const name of [
    '@backstage/backend-defaults',
    '@backstage/plugin-catalog-backend',
    'better-sqlite3',
  ]) {
    dependencies[name] = repoRange(name);
  }
  for (const parent of parentPlugins(packages)) {
    dependencies[parent] = repoRange(parent);
  }
  const resolutions = { ...rootManifest.resolutions };
  for (const pkg of packages) {
    const file = `file:${path.relative(dir, tarballs[pkg.name])}`;
    dependencies[pkg.name] = file;
    // Siblings depend on each other by version; they are not on npm.
    resolutions[pkg.name] = file;
    for (const peer of Object.keys(pkg.manifest.peerDependencies ?? {})) {
      dependencies[peer] ??=
        repoRange(peer) ?? pkg.manifest.peerDependencies[peer];
    }
  }
  fs.mkdirSync(path.join(dir, 'src'), { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify(
      {
        name: 'pack-test-consumer',
        private: true,
        dependencies,
        resolutions,
        // better-sqlite3 ships a prebuilt linux-x64 binary; skip node-gyp.
        dependenciesMeta: { 'better-sqlite3': { built: false } },
      },
      null,
      2,
    ),
  );
  fs.writeFileSync(
    path.join(dir, '.yarnrc.yml'),
    'nodeLinker: node-modules\nenableTelemetry: false\n',
  );
  fs.copyFileSync(path.join(root, 'yarn.lock'), path.join(dir, 'yarn.lock'));
  const backendPlugins = packages.filter(p =>
    ['backend-plugin', 'backend-plugin-module'].includes(p.role),
  );
  fs.writeFileSync(
    path.join(dir, 'src/index.js'),
    [
      "const { createBackend } = require('@backstage/backend-defaults');",
      'const backend = createBackend();',
      "backend.add(import('@backstage/plugin-catalog-backend'));",
      ...parentPlugins(packages).map(p => `backend.add(import('${p}'));`),
      ...backendPlugins.map(p => `backend.add(import('${p.name}'));`),
      'backend.start();',
      '',
    ].join('\n'),
  );
}

/** Yarn's peer report, failing where one of our packages drops a peer. */
function checkPeers(dir, packages) {
  const report = run('yarn', ['explain', 'peer-requirements'], dir);
  for (const pkg of packages) {
    const dropped = report
      .split('\n')
      .filter(l => l.includes(`✘ ${pkg.name}@`) && / doesn't provide /.test(l));
    check(!dropped.length, `${pkg.name} drops peers:\n${dropped.join('\n')}`);
    const req = createRequire(path.join(dir, 'package.json'));
    const semver = req('semver');
    for (const [peer, range] of Object.entries(
      pkg.manifest.peerDependencies ?? {},
    )) {
      const { version } = req(`${peer}/package.json`);
      check(
        semver.satisfies(version, range),
        `${pkg.name} wants ${peer}@${range}, the project has ${version}`,
      );
    }
  }
}

async function checkFrontend(dir, pkg) {
  const req = createRequire(path.join(dir, 'package.json'));
  const esbuild = req('esbuild');
  const entries = Object.keys(pkg.manifest.exports ?? { '.': null })
    .filter(e => e !== './package.json')
    .map(e => ({
      key: e === '.' ? 'index' : e.slice(2),
      spec: path.posix.join(pkg.name, e),
      isPlugin:
        pkg.manifest.exports?.[e]?.backstage === '@backstage/FrontendPlugin',
    }));
  const outdir = path.join(dir, 'bundle', pkg.name);
  await esbuild.build({
    absWorkingDir: dir,
    entryPoints: Object.fromEntries(entries.map(e => [e.key, e.spec])),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    outdir,
    outExtension: { '.js': '.mjs' },
    loader: { '.svg': 'file', '.png': 'file', '.css': 'empty' },
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  });
  browserGlobals(dir);
  for (const entry of entries) {
    const mod = await import(path.join(outdir, `${entry.key}.mjs`));
    check(Object.keys(mod).length, `${entry.spec} exports nothing`);
    if (entry.isPlugin) {
      check(
        mod.default?.$$type === '@backstage/FrontendPlugin',
        `${entry.spec}: its default export is not a frontend plugin`,
      );
    }
    log(`  ${entry.spec}: ${Object.keys(mod).sort().join(', ')}`);
  }
}

async function waitFor(url, logFile, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (backend.exitCode !== null) break;
    const res = await fetch(url).catch(() => undefined);
    if (res?.ok) return;
    await new Promise(r => setTimeout(r, 500));
  }
  process.stdout.write(fs.readFileSync(logFile, 'utf8'));
  throw new Error(`the backend did not answer ${url}`);
}

async function checkBackend(dir, packages) {
  const port = await freePort();
  const token = crypto.randomBytes(24).toString('hex');
  const sqlite = path.join(dir, 'sqlite');
  const baseUrl = `http://localhost:${port}`;
  fs.writeFileSync(
    path.join(dir, 'app-config.yaml'),
    JSON.stringify({
      ...moduleConfig(packages),
      app: { baseUrl },
      backend: {
        baseUrl,
        listen: { port },
        database: {
          client: 'better-sqlite3',
          connection: { directory: sqlite },
        },
        auth: {
          externalAccess: [
            { type: 'static', options: { token, subject: 'pack-test' } },
          ],
        },
      },
    }),
  );
  const logFile = path.join(dir, 'backend.log');
  const out = fs.openSync(logFile, 'w');
  backend = spawn(
    process.execPath,
    ['src/index.js', '--config', 'app-config.yaml'],
    {
      cwd: dir,
      detached: true, // its own process group (setsid), killed as one
      stdio: ['ignore', out, out],
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  const stop = async () => {
    if (backend.exitCode !== null) return;
    const exited = new Promise(r => backend.once('exit', r));
    process.kill(-backend.pid, 'SIGTERM');
    const timer = setTimeout(() => process.kill(-backend.pid, 'SIGKILL'), 10e3);
    await exited;
    clearTimeout(timer);
  };
  try {
    const api = `${baseUrl}/api/change-management`;
    await waitFor(`${api}/health`, logFile, 90e3);
    log(`backend up on :${port}`);

    const get = (route, auth) =>
      fetch(`${api}${route}`, {
        headers: auth ? { authorization: `Bearer ${token}` } : {},
      });
    const anonymous = await get('/changes');
    check(anonymous.status === 401, `no token: ${anonymous.status}, not 401`);
    const service = await get('/changes', true);
    check(
      service.status === 403,
      `service token: ${service.status}, not 403 (users only)`,
    );
    const contract = await get('/openapi.json', true);
    check(contract.ok, `openapi.json: ${contract.status}`);
    // The served contract names each path with the plugin's mount point.
    const paths = Object.keys((await contract.json()).paths ?? {});
    check(
      paths.includes('/api/change-management/changes'),
      `openapi.json paths: ${paths}`,
    );
    log('routes: /health 200, /changes 401 and 403, /openapi.json 200');
    const Database = createRequire(path.join(dir, 'package.json'))(
      'better-sqlite3',
    );
    await checkModules(packages, {
      baseUrl,
      token,
      sqlite,
      Database,
      log,
      check,
    });
    checkCli(dir, packages, { baseUrl, token, log, check });

    for (const pkg of packages.filter(p => p.role === 'backend-plugin')) {
      const migrations = path.join(dir, 'node_modules', pkg.name, 'migrations');
      const shipped = fs.existsSync(migrations)
        ? fs.readdirSync(migrations).filter(f => f.endsWith('.js'))
        : [];
      const pluginId = pkg.manifest.backstage.pluginId;
      const db = new Database(path.join(sqlite, `${pluginId}.sqlite`), {
        readonly: true,
        fileMustExist: true,
      });
      try {
        const ran = db
          .prepare('SELECT name FROM knex_migrations ORDER BY id')
          .all()
          .map(r => r.name);
        check(
          JSON.stringify(ran) === JSON.stringify(shipped.sort()),
          `${pluginId}: migrations ran ${ran}, shipped ${shipped}`,
        );
        const tables = db
          .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
          .all()
          .map(r => r.name)
          .filter(
            t => !/^(knex_|sqlite_|backstage_backend_public_keys)/.test(t),
          );
        log(`${pluginId}: migrations ${ran}; tables ${tables.join(', ')}`);
      } finally {
        db.close();
      }
    }
  } finally {
    await stop();
    log('backend stopped');
  }
}

async function main() {
  const packages = publicPackages();
  check(packages.length, 'no public packages under plugins/');
  const names = packages.map(p => p.name);
  log(`packages: ${names.join(', ')}`);
  // A package lists its siblings of the same plugin; a module of another
  // plugin (the catalog's) names that plugin's package instead, and lists
  // none.
  const ownPlugin = pluginId =>
    packages.some(
      p =>
        p.pluginId === pluginId &&
        ['backend-plugin', 'frontend-plugin'].includes(p.role),
    );
  const siblingsOf = pkg =>
    ownPlugin(pkg.pluginId)
      ? packages.filter(p => p.pluginId === pkg.pluginId).map(p => p.name)
      : [];

  log('building (yarn build)');
  run('yarn', ['build'], root);

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'change-management-pack-'));
  const cleanUp = () => {
    if (process.env.KEEP_PACK_TEST_DIR) {
      log(`kept ${tmp}`);
      return;
    }
    fs.rmSync(tmp, { recursive: true, force: true });
    log(`removed ${tmp}`);
  };
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      if (backend?.exitCode === null) process.kill(-backend.pid, 'SIGKILL');
      cleanUp();
      process.exit(130);
    });
  }
  try {
    const tarballs = {};
    for (const pkg of packages) {
      const tarball = path.join(tmp, `${pkg.name.replace(/[@/]/g, '-')}.tgz`);
      run('yarn', ['pack', '--out', tarball], pkg.dir);
      const unpacked = path.join(tmp, 'unpacked', pkg.name);
      fs.mkdirSync(unpacked, { recursive: true });
      run(
        'tar',
        ['-xzf', tarball, '-C', unpacked, '--strip-components=1'],
        tmp,
      );
      pkg.manifest = checkTarball(pkg, unpacked, siblingsOf(pkg));
      tarballs[pkg.name] = tarball;
      const kb = Math.round(fs.statSync(tarball).size / 1024);
      log(`packed ${pkg.name} (${kb} kB): entries in dist, types, files`);
    }

    const consumer = path.join(tmp, 'consumer');
    writeConsumer(consumer, packages, tarballs);
    log(`installing the tarballs into ${consumer}`);
    run('yarn', ['install', '--no-immutable'], consumer);
    checkPeers(consumer, packages);
    log('installed; declared peer dependencies are satisfied');

    for (const pkg of packages) {
      if (['frontend-plugin', 'web-library'].includes(pkg.role)) {
        log(`bundling ${pkg.name} as an app would, then importing it`);
        await checkFrontend(consumer, pkg);
      } else if (['common-library', 'node-library'].includes(pkg.role)) {
        const mod = createRequire(path.join(consumer, 'package.json'))(
          pkg.name,
        );
        check(Object.keys(mod).length, `${pkg.name} exports nothing`);
        log(`required ${pkg.name}: ${Object.keys(mod).length} exports`);
      }
    }

    log('starting a backend with the installed plugins');
    await checkBackend(consumer, packages);
  } finally {
    cleanUp();
  }
  log(`pack test passed in ${elapsed()}`);
}

main().catch(error => {
  console.error(`[pack-test ${elapsed()}] FAILED: ${error.message}`);
  process.exit(1);
});
