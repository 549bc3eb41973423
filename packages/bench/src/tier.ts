import { measureHashing } from './load/hashing';
import { measureExportAgainstCopy } from './load/exportCopy';
import { measureSearchIndex } from './load/searchIndex';
import fs from 'node:fs';
import path from 'node:path';
import { Pool } from 'pg';
import {
  ChangeListQuery,
  encodeCursor,
} from '@trove/backstage-plugin-change-management-backend/testUtils';
import { Backend } from './backend';
import { withCpu } from './load/cpu';
import { measureSubmit } from './load/submit';
import { loadHttp } from './load/http';
import { Measurement, measureLoop } from './load/measure';
import { runList } from './load/sql';
import { saveLandscapePlans } from './landscapePlans';
import { savePlans, saveSqlitePlans } from './plans';
import { dropDatabases, pluginPool } from './postgres';
import { probeEntities } from './probe';
import { SeedResult } from './seed/seed';
import { seedWith } from './seed/seedWith';

export interface TierOptions {
  name: string;
  count: number;
  backendDir: string;
  outDir: string;
  port: number;
  seconds: number;
  connections: number;
  keep: boolean;
  /** Measure only the targets whose names contain one of these. */
  only?: string[];
  /** Profile the backend (`--cpu-prof`) into `<outDir>/profiles`. */
  cpuProf?: boolean;
  log: (message: string) => void;
}

export interface TierResult {
  tier: string;
  seed: Omit<SeedResult, 'pool' | 'sampleId'>;
  pages: Record<string, number>;
  measurements: Measurement[];
}

const COMMON = 'component:default/payments-service';
const RARE = 'resource:default/duplocloud-prod';
const SYSTEM = 'system:default/payments';
const POOL_ENTITY = 'resource:default/aws-prod-account';
const PAGE = 25;

/**
 * The cursor that opens page `page` of an entity's list, or of its last
 * page when it has fewer; the keyset cursor is just the last row before it.
 */
async function deepCursor(pool: Pool, entityRef: string, page: number) {
  const { rows } = await pool.query(
    `SELECT count(*)::int AS n FROM change_entities WHERE entity_ref = $1`,
    [entityRef],
  );
  const reachable = Math.max(1, Math.min(page, Math.ceil(rows[0].n / PAGE)));
  if (reachable === 1) return { page: 1, cursor: undefined };
  const offset = (reachable - 1) * PAGE - 1;
  const last = await pool.query(
    `SELECT change_id AS id, created_at FROM change_entities
      WHERE entity_ref = $1
      ORDER BY created_at DESC, change_id DESC OFFSET $2 LIMIT 1`,
    [entityRef, offset],
  );
  const { id, created_at: createdAt } = last.rows[0];
  return {
    page: reachable,
    cursor: encodeCursor(
      { id, createdAt: createdAt.toISOString() } as any,
      'newest',
    ),
  };
}

/** The year up to `end`. */
function yearUpTo(end: Date) {
  return { from: new Date(end.getTime() - 365 * 24 * 3600_000), to: end };
}

/** The query string of an entity's year up to `end`. */
function yearOf(entityRef: string, end: Date) {
  const { from, to } = yearUpTo(end);
  return new URLSearchParams({
    entityRef,
    from: from.toISOString(),
    to: to.toISOString(),
  }).toString();
}

/**
 * The in-memory Lunr index the search bench builds: 100k changes leave
 * 3 GB of heap, so a larger tier would run the bench out of its 4 GB and
 * lose the tier's results. It is built there only when asked by name.
 */
const SEARCH_INDEX_MAX = 100_000;
const buildsSearchIndex = (options: { count: number; only?: string[] }) =>
  options.count <= SEARCH_INDEX_MAX ||
  !!options.only?.some(term => 'search index'.includes(term));

/** GET with no timeout, for the answers that take long at 1M. */
async function timedGet(url: string, token: string) {
  const started = process.hrtime.bigint();
  const res = await fetch(url, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = await res.json();
  if (!res.ok) throw new Error(`${url}: ${res.status} ${JSON.stringify(body)}`);
  return { body, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

export async function runTier(options: TierOptions): Promise<TierResult> {
  const { log, seconds, connections } = options;
  // Another port is another bench beside this one: its own databases.
  const prefix =
    options.port === 7207
      ? `cm_bench_${options.name}_`
      : `cm_bench_${options.port}_${options.name}_`;
  const want = (name: string) =>
    !options.only || options.only.some(term => name.includes(term));
  await dropDatabases(prefix);
  const backendOptions = {
    dir: options.backendDir,
    port: options.port,
    databasePrefix: prefix,
    logFile: path.join(options.outDir, `backend-${options.name}.log`),
    cpuProfDir: options.cpuProf
      ? path.join(options.outDir, 'profiles', options.name)
      : undefined,
  };
  const backend = Backend.start(backendOptions);
  const pool = pluginPool(prefix, connections);
  try {
    log(`backend up in ${await backend.ready()} ms`);
    const alice = await backend.token('alice');
    const entities = await probeEntities(backend, pool, alice);
    const day = 24 * 3600_000;
    const plan = {
      count: options.count,
      entities,
      common: COMMON,
      rare: RARE,
      poolSize: 0,
      poolEntity: POOL_ENTITY,
      start: new Date(Date.now() - 3 * 365 * day - day),
      end: new Date(Date.now() - day),
    };
    const seeded = await seedWith(pool, plan, log);
    // Fresh tokens: seeding 1M changes outlasts a user token's hour.
    const user = await backend.token('alice');
    const cto = await backend.token('carol');
    const api = `${backend.baseUrl}/api/change-management`;
    const common = await deepCursor(pool, COMMON, 1000);
    // The rare entity has no page 1,000: its deep cursor is the common
    // entity's, the same point in time, which the query must reach.
    const rare = { page: common.page, cursor: common.cursor };
    const list = (entityRef: string, cursor?: string) =>
      `${api}/changes?entityRef=${encodeURIComponent(entityRef)}${
        cursor ? `&cursor=${cursor}` : ''
      }`;
    const queries: Record<string, ChangeListQuery> = {
      'list common p1': { entityRef: COMMON, limit: PAGE },
      [`list common p${common.page}`]: {
        entityRef: COMMON,
        limit: PAGE,
        cursor: common.cursor,
      },
      'list rare p1': { entityRef: RARE, limit: PAGE },
      'list rare deep': { entityRef: RARE, limit: PAGE, cursor: rare.cursor },
      'list system p1': { entityRef: SYSTEM, limit: PAGE },
      'needs my action (CTO)': {
        limit: PAGE,
        waitingOn: {
          userEntityRef: 'user:default/carol',
          isCto: true,
          engineerOf: 'any',
        },
      },
    };
    const urls: Record<string, [string, string]> = {
      'catalog by-name': [
        `${backend.baseUrl}/api/catalog/entities/by-name/component/default/payments-service`,
        user,
      ],
      'no-op route (/ping)': [`${api}/ping`, user],
      'list common p1': [list(COMMON), user],
      [`list common p${common.page}`]: [list(COMMON, common.cursor), user],
      'list rare p1': [list(RARE), user],
      'list rare deep': [list(RARE, rare.cursor), user],
      'list system p1': [list(SYSTEM), user],
      'needs my action (CTO)': [`${api}/changes?needsActionBy=me`, cto],
      'get by id': [`${api}/changes/${seeded.sampleId}`, user],
      // Issue 21: a System's year, ending at the seed's newest change.
      'metrics (System, a year)': [
        `${api}/metrics?${yearOf(SYSTEM, plan.end)}`,
        user,
      ],
      // Counted per day, as a year of a busy System must be read; each of
      // its ~200k deploys listed, for comparison.
      'calendar (System, a year)': [
        `${api}/calendar?${yearOf(SYSTEM, plan.end)}&per=day`,
        user,
      ],
      'calendar (System, a year, each change)': [
        `${api}/calendar?${yearOf(SYSTEM, plan.end)}`,
        user,
      ],
    };
    const measurements: Measurement[] = [];
    for (const [name, [url, token]] of Object.entries(urls)) {
      if (!want(name)) continue;
      log(`load: ${name}`);
      measurements.push(
        await withCpu(backend, pool, prefix, async () => {
          // An answer slower than the load's length (a System's year at
          // 1M, unless it is fast) is timed alone, three times.
          const first = await timedGet(url, token);
          if (first.ms > (seconds * 1000) / 4) {
            log(`${name}: ${Math.round(first.ms)} ms; timed alone`);
            return timedThrice(name, url, token, first.ms);
          }
          return loadHttp(
            { name, url, token, timeoutSeconds: 120 },
            { connections, seconds },
          );
        }),
      );
    }
    for (const [name, query] of Object.entries(queries)) {
      if (!want(`raw SQL: ${name}`)) continue;
      log(`raw SQL: ${name}`);
      measurements.push(
        await measureLoop(`raw SQL: ${name}`, () => runList(pool, query), {
          concurrency: connections,
          seconds,
        }),
      );
    }
    if (want('transition')) {
      // Changes for the CTO to approve, raised after the tier's, so that the
      // lists above measured the tier alone.
      const { pool: approvals } = await seedWith(
        pool,
        {
          ...plan,
          count: 0,
          poolSize: Math.max(2000, seconds * 400),
          start: plan.end,
          end: new Date(Date.now() - 60_000),
        },
        log,
      );
      log('load: transition (CTO approves)');
      let next = 0;
      measurements.push(
        await withCpu(backend, pool, prefix, () =>
          loadHttp(
            {
              name: 'transition (approve)',
              url: `${api}/changes/x/actions`,
              token: cto,
              method: 'POST',
              next: () => {
                const change = approvals[next++ % approvals.length];
                return {
                  path: `/api/change-management/changes/${change.id}/actions`,
                  body: JSON.stringify({
                    action: 'approve',
                    version: change.version,
                    comment: 'Approved',
                  }),
                };
              },
            },
            { connections, seconds, warmup: false },
          ),
        ),
      );
    }
    if (want('submit')) {
      measurements.push(
        ...(await measureSubmit({
          backend,
          backendOptions,
          pool,
          prefix,
          plan,
          seconds,
          connections,
          log,
        })),
      );
    }
    if (want('export')) {
      measurements.push(await measureExport(api, user, pool, log));
      measurements.push(
        ...(await measureExportAgainstCopy({
          api,
          token: user,
          pool,
          database: `${prefix}change-management`,
          log,
        })),
      );
    }
    if (want('verif') || want('hashing')) {
      // The audit routes need change-management.audit.read: the CTO has it.
      // Twice each, alternating, the faster of each kept, as the export
      // does: the bench process has hashed every event while seeding, and
      // the backend has not, so a single run would compare a warm baseline
      // with a cold verification.
      const verifications = [];
      const hashings = [];
      for (let i = 0; i < 2; i++) {
        verifications.push(await measureVerify(api, cto, seeded.events, log));
        hashings.push(await measureHashing(pool, log));
      }
      measurements.push(fastest(verifications), fastest(hashings));
    }
    if (want('search index') && !buildsSearchIndex(options)) {
      log(
        `search index: not built at ${options.name} unless asked (--only "search index"): Lunr keeps the index in the heap, 3 GB at 100k of the process's 4 GB`,
      );
    } else if (want('search index')) {
      measurements.push(
        await measureSearchIndex(
          { baseUrl: backend.baseUrl, token: user, changes: seeded.changes },
          log,
        ),
      );
    }
    log('EXPLAIN (ANALYZE, BUFFERS) of the hot queries');
    const plans = path.join(options.outDir, 'plans', options.name);
    await savePlans(pool, queries, seeded.sampleId, plans);
    if (want('metrics') || want('calendar')) {
      log('EXPLAIN (ANALYZE, BUFFERS) of the metrics and calendar');
      await saveLandscapePlans(
        pool,
        `${prefix}change-management`,
        { entityRef: SYSTEM, ...yearUpTo(plan.end) },
        plans,
      );
    }
    log('EXPLAIN QUERY PLAN of the same queries on SQLite');
    await saveSqlitePlans(queries, entities, path.join(plans, 'sqlite'));
    const { pool: _pool, sampleId: _id, ...seedStats } = seeded;
    return {
      tier: options.name,
      seed: seedStats,
      pages: { common: common.page },
      measurements,
    };
  } finally {
    await pool.end();
    await backend.stop();
    if (!options.keep) await dropDatabases(prefix);
  }
}

/** A slow GET, timed three times one after another (after a first). */
async function timedThrice(
  name: string,
  url: string,
  token: string,
  firstMs: number,
): Promise<Measurement> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) times.push((await timedGet(url, token)).ms);
  times.sort((a, b) => a - b);
  return {
    name,
    rps: 3000 / times.reduce((a, b) => a + b, 0),
    p50: times[1],
    p99: times[2],
    failures: 0,
    extra: { 'first ms': firstMs, 'timed alone': 'yes' },
  };
}

/** The export of the newest 10,000 changes (or all), as JSON, three times. */
async function measureExport(
  api: string,
  token: string,
  pool: Pool,
  log: (m: string) => void,
) {
  log('export: the newest 10,000 changes, 3 times');
  const to = new Date(Date.now() + 24 * 3600_000).toISOString();
  const { rows: edge } = await pool.query(
    `SELECT min(created_at) AS from FROM (
       SELECT created_at FROM changes ORDER BY created_at DESC LIMIT 10000) newest`,
  );
  const from: Date = edge[0].from;
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < 3; i++) {
    const { body, ms } = await timedGet(
      `${api}/export?format=json&from=${from.toISOString()}&to=${to}`,
      token,
    );
    rows = body.items.length;
    times.push(ms);
  }
  times.sort((a, b) => a - b);
  const seconds = times.reduce((a, b) => a + b, 0) / 1000;
  return {
    name: 'export (JSON)',
    rps: times.length / seconds,
    p50: times[1],
    p99: times[2],
    failures: 0,
    extra: { rows, 'rows/s': Math.round((rows * times.length) / seconds) },
  };
}

/** The fastest of runs of one target. */
function fastest(runs: Measurement[]): Measurement {
  const best = runs.reduce((a, b) => (b.p50 < a.p50 ? b : a));
  return { ...best, extra: { ...best.extra, 'fastest of': runs.length } };
}

/**
 * `/audit/verify` over the whole chain, once. It also proves the seed: the
 * bulk-loaded rows and chain must verify as the server's own do, and every
 * seeded event must have been checked (the load adds some of its own).
 */
async function measureVerify(
  api: string,
  token: string,
  seededEvents: number,
  log: (m: string) => void,
) {
  log('audit/verify: the whole chain');
  const { body, ms } = await timedGet(`${api}/audit/verify`, token);
  if (body.ok !== true || !(body.checked >= seededEvents)) {
    throw new Error(
      `the seeded chain does not verify (${seededEvents} events seeded): ${JSON.stringify(
        body,
      )}`,
    );
  }
  return {
    name: 'audit/verify',
    rps: 1000 / ms,
    p50: ms,
    p99: ms,
    failures: 0,
    extra: {
      events: body.checked,
      'events/s': Math.round(body.checked / (ms / 1000)),
    },
  };
}

export function writeJson(file: string, value: unknown) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}
