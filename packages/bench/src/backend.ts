import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';

export const root = path.resolve(__dirname, '../../..');
const bundle = path.join(root, 'packages/backend/dist/bundle.tar.gz');

/** `yarn build:backend`, unless asked to reuse an existing bundle. */
export function buildBackend(reuse: boolean, log: (m: string) => void) {
  if (reuse && fs.existsSync(bundle)) {
    log(`reusing ${path.relative(root, bundle)}`);
    return;
  }
  log('yarn build:backend (the production bundle, about 1 min)');
  execFileSync('yarn', ['build:backend'], { cwd: root, stdio: 'inherit' });
}

/**
 * Unpacks the production bundle as a deployment would, into `dir`. Instead
 * of `yarn workspaces focus --production` (minutes), node_modules links to
 * this repository's installed dependencies, the versions of the same
 * lockfile, while our own packages resolve to the bundle's built copies.
 */
export function unpackBackend(dir: string) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  execFileSync('tar', ['-xzf', bundle, '-C', dir]);
  const modules = path.join(dir, 'node_modules');
  fs.mkdirSync(modules);
  const installed = path.join(root, 'node_modules');
  for (const name of fs.readdirSync(installed)) {
    if (name === '@trove' || name === 'backend' || name === 'app') continue;
    fs.symlinkSync(path.join(installed, name), path.join(modules, name));
  }
  fs.mkdirSync(path.join(modules, '@trove'));
  for (const plugin of fs.readdirSync(path.join(dir, 'plugins'))) {
    const manifest = JSON.parse(
      fs.readFileSync(
        path.join(dir, 'plugins', plugin, 'package.json'),
        'utf8',
      ),
    );
    fs.symlinkSync(
      path.join(dir, 'plugins', plugin),
      path.join(modules, manifest.name),
    );
  }
  fs.symlinkSync(path.join(dir, 'packages/app'), path.join(modules, 'app'));
}

export interface BackendOptions {
  dir: string;
  port: number;
  /** Databases are named `<prefix><pluginId>`. */
  databasePrefix: string;
  logFile: string;
  /** The PostgreSQL port on 127.0.0.1 (5432 unless given). */
  pgPort?: number;
  /** More of the plugin's config (`changeManagement`), e.g. the clock's cadence. */
  changeManagement?: Record<string, unknown>;
  /** Where node's `--cpu-prof` writes the backend's profile, when it exits. */
  cpuProfDir?: string;
}

/** The bench's config, layered on the repository's app-config.yaml. */
function writeConfig(options: BackendOptions): string {
  const baseUrl = `http://localhost:${options.port}`;
  const file = path.join(options.dir, `bench-${options.port}.yaml`);
  const examples = path.join(root, 'examples');
  fs.writeFileSync(
    file,
    stringify({
      app: { baseUrl },
      backend: {
        baseUrl,
        listen: { port: options.port },
        cors: { origin: baseUrl },
        database: {
          client: 'pg',
          prefix: options.databasePrefix,
          connection: {
            host: '127.0.0.1',
            port: options.pgPort ?? 5432,
            user: 'postgres',
          },
        },
      },
      // The production build runs with NODE_ENV=production, where the dev
      // sign-in refuses unless explicitly allowed: the bench needs user
      // tokens of the sample users, on loopback only.
      auth: {
        providers: { dev: { dangerouslyAllowOutsideDevelopment: true } },
      },
      changeManagement: {
        // The tier's changes alone: app-config.yaml's sample history would
        // add its own to the first start's empty database.
        sampleHistory: { enabled: false },
        // The seed loads with its tables' indexes dropped, then judges the
        // metrics' rollups itself after ANALYZE: the backend's task would
        // judge the first batches mid-load, without indexes or statistics.
        metrics: {
          rollupSchedule: {
            frequency: { trigger: 'manual' },
            timeout: { hours: 1 },
          },
        },
        ...options.changeManagement,
      },
      // The backend's own search index would read every change while the
      // loads run; the bench measures a full index itself (search index).
      search: {
        collators: {
          changeManagement: {
            schedule: {
              frequency: { trigger: 'manual' },
              timeout: { minutes: 15 },
            },
          },
        },
      },
      catalog: {
        locations: [
          { type: 'file', target: path.join(examples, 'entities.yaml') },
          {
            type: 'file',
            target: path.join(examples, 'org.yaml'),
            rules: [{ allow: ['User', 'Group'] }],
          },
        ],
      },
    }),
  );
  return file;
}

/**
 * The CPU time a process has used so far, in ms, from Linux' /proc;
 * undefined where there is none, or the process is gone.
 */
export function processCpuMs(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // utime and stime, in clock ticks (USER_HZ, 100 on Linux), are the
    // 14th and 15th fields; the 2nd, the command, ends with ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** Every backend started, stopped with this process however it ends. */
const running = new Set<Backend>();
process.once('exit', () => running.forEach(b => b.kill('SIGKILL')));
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));

/** A running production backend in its own process group. */
export class Backend {
  readonly baseUrl: string;

  private constructor(
    readonly process: ChildProcess,
    readonly options: BackendOptions,
  ) {
    this.baseUrl = `http://127.0.0.1:${options.port}`;
  }

  static start(options: BackendOptions): Backend {
    const config = writeConfig(options);
    const log = fs.openSync(options.logFile, 'a');
    const child = spawn(
      process.execPath,
      [
        ...(options.cpuProfDir
          ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`]
          : []),
        'packages/backend',
        '--config',
        path.join(root, 'app-config.yaml'),
        '--config',
        config,
      ],
      {
        cwd: options.dir,
        detached: true,
        stdio: ['ignore', log, log],
        env: { ...process.env, NODE_ENV: 'production' },
      },
    );
    fs.closeSync(log);
    const backend = new Backend(child, options);
    running.add(backend);
    child.once('exit', () => running.delete(backend));
    return backend;
  }

  get exited(): boolean {
    return this.process.exitCode !== null || this.process.signalCode !== null;
  }

  /** Waits until the plugin answers and the catalog holds the sample. */
  async ready(timeoutMs = 120_000): Promise<number> {
    const started = Date.now();
    while (Date.now() - started < timeoutMs) {
      if (this.exited) {
        throw new Error(`The backend exited; see ${this.options.logFile}`);
      }
      try {
        const token = await this.token('alice');
        const res = await fetch(
          `${this.baseUrl}/api/catalog/entities/by-name/component/default/payments-service`,
          { headers: { authorization: `Bearer ${token}` } },
        );
        if (res.ok) return Date.now() - started;
      } catch {
        // not up yet
      }
      await new Promise(resolve => setTimeout(resolve, 500));
    }
    throw new Error(`The backend did not start; see ${this.options.logFile}`);
  }

  /** A user token from the dev sign-in. */
  async token(user: string): Promise<string> {
    const res = await fetch(`${this.baseUrl}/api/auth/dev/refresh`, {
      headers: { 'x-dev-user': user },
    });
    if (!res.ok) throw new Error(`sign-in of ${user}: ${res.status}`);
    const body = await res.json();
    return body.backstageIdentity.token;
  }

  /**
   * The CPU time the backend's process has used so far, in ms (Linux'
   * /proc; undefined elsewhere). Per request, it measures a route's own
   * cost, which a machine shared with other work leaves nearly alone.
   */
  cpuMs(): number | undefined {
    return this.process.pid ? processCpuMs(this.process.pid) : undefined;
  }

  kill(signal: NodeJS.Signals = 'SIGTERM') {
    if (!this.exited && this.process.pid) {
      try {
        process.kill(-this.process.pid, signal);
      } catch {
        // already gone
      }
    }
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const done = new Promise(resolve => this.process.once('exit', resolve));
    this.kill('SIGTERM');
    // A profile is written only by a process that exits on its own.
    const grace = this.options.cpuProfDir ? 120_000 : 10_000;
    const timer = setTimeout(() => this.kill('SIGKILL'), grace);
    await done;
    clearTimeout(timer);
  }
}
