/*
 * The pack test's runs of what is neither the plugin nor its frontend: each
 * backend module answers through the plugin it extends, and the change-gate
 * CLI, run from its installed bin, talks to the installed backend.
 */
const { spawnSync } = require('node:child_process');
const path = require('node:path');

/**
 * What each module adds, asked of the plugin it extends, by that plugin's
 * id. A module of a plugin not named here is only started with the backend
 * (which fails to start when a module fails to initialise).
 */
const moduleProbes = {
  search: {
    // The search backend schedules one indexing task per collator, in its
    // own database; it runs on the module's schedule.
    tasksOf: 'search',
    finds: tasks => tasks.includes('search_index_change_management'),
    says: 'the search backend schedules the change collator',
  },
  scaffolder: {
    route: '/api/scaffolder/v2/actions',
    finds: body => body.some(action => action.id === 'change-management:raise'),
    says: 'the scaffolder lists change-management:raise',
  },
  'tech-insights': {
    route: '/api/tech-insights/fact-schemas',
    finds: body =>
      body.some(schema => schema.id === 'changeManagementFactRetriever'),
    says: "Tech Insights holds the change-management retriever's fact schema",
    // A retriever runs only where the app's config gives its cadence.
    config: {
      techInsights: {
        factRetrievers: {
          changeManagementFactRetriever: { cadence: '0 0 1 1 *' },
        },
      },
    },
  },
};

/** The config the probed modules need, beside the backend's own. */
function moduleConfig(packages) {
  return Object.assign(
    {},
    ...packages
      .filter(p => p.role === 'backend-plugin-module')
      .map(p => moduleProbes[p.pluginId]?.config ?? {}),
  );
}

/** The ids of the tasks a plugin scheduled, from its SQLite database. */
function scheduledTasks(sqlite, pluginId, Database) {
  const db = new Database(path.join(sqlite, `${pluginId}.sqlite`), {
    readonly: true,
    fileMustExist: true,
  });
  try {
    return db
      .prepare('SELECT id FROM backstage_backend_tasks__tasks')
      .all()
      .map(r => r.id);
  } finally {
    db.close();
  }
}

async function ask(probe, { baseUrl, token, sqlite, Database, check, name }) {
  if (probe.tasksOf) return scheduledTasks(sqlite, probe.tasksOf, Database);
  const res = await fetch(`${baseUrl}${probe.route}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  check(res.ok, `${name}: ${probe.route} answered ${res.status}`);
  return res.json();
}

async function checkModules(packages, context) {
  const { log, check } = context;
  const modules = packages.filter(p => p.role === 'backend-plugin-module');
  for (const pkg of modules) {
    const probe = moduleProbes[pkg.pluginId];
    if (!probe) {
      log(`${pkg.name}: started with the ${pkg.pluginId} plugin`);
      continue;
    }
    // A plugin may finish registering what a module adds after the
    // backend answers its first request, so ask for up to 30 s.
    let body;
    for (let tries = 0; tries < 30; tries++) {
      body = await ask(probe, { ...context, name: pkg.name });
      if (probe.finds(body)) break;
      await new Promise(r => setTimeout(r, 1000));
    }
    check(
      probe.finds(body),
      `${pkg.name}: ${probe.route ?? 'its tasks'} gave ${JSON.stringify(
        body,
      ).slice(0, 500)}`,
    );
    log(`${pkg.name}: ${probe.says}`);
  }
}

/**
 * Runs each installed command line from node_modules/.bin, as `npx` would:
 * a bad command line exits 64, and asking the gate about a change the
 * backend does not hold is that backend's 404, exit 3 with the error's name.
 */
function checkCli(dir, packages, { baseUrl, token, log, check }) {
  for (const pkg of packages.filter(p => p.role === 'cli')) {
    const bin = path.join(dir, 'node_modules', '.bin', path.basename(pkg.dir));
    const cli = (args, env = {}) =>
      spawnSync(bin, args, {
        cwd: dir,
        encoding: 'utf8',
        env: {
          ...process.env,
          CHANGE_GATE_URL: '',
          CHANGE_GATE_TOKEN: '',
          ...env,
        },
        timeout: 60e3,
      });
    const usage = cli([]);
    check(
      usage.status === 64,
      `${pkg.name} with no command: exit ${usage.status}, not 64\n${usage.stderr}`,
    );
    const asked = cli(
      [
        'check',
        '--change',
        '00000000-0000-4000-8000-000000000000',
        '--env',
        'production',
      ],
      { CHANGE_GATE_URL: baseUrl, CHANGE_GATE_TOKEN: token },
    );
    const said = `${asked.stdout}${asked.stderr}`;
    check(
      asked.status === 3 && /NotFoundError/.test(said),
      `${pkg.name} check of an unknown change: exit ${asked.status}\n${said}`,
    );
    log(`${pkg.name}: usage exits 64; the gate's 404 exits 3 (${said.trim()})`);
  }
}

module.exports = { checkCli, checkModules, moduleConfig };
