import { spawn } from 'node:child_process';
import http from 'node:http';
import zlib from 'node:zlib';
import { Pool } from 'pg';
import { Measurement } from './measure';

/** A download: its bytes as they came, and how long they took to come. */
interface Download {
  chunks: Buffer[];
  bytes: number;
  ms: number;
}

/**
 * Reads a stream to its end and only keeps its chunks: the client's own
 * work (decoding, counting) waits until the clock has stopped, so that on
 * a machine where the client shares the cores with the backend and
 * PostgreSQL, each figure is the server's and not the client's.
 */
async function download(
  stream: AsyncIterable<Buffer>,
  started: bigint,
): Promise<Download> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of stream) {
    chunks.push(chunk);
    bytes += chunk.length;
  }
  return { chunks, bytes, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

/** Newlines in a download, decoded as its content encoding says. */
function linesOf(body: Buffer, encoding?: string): number {
  let text = body;
  if (encoding === 'gzip') text = zlib.gunzipSync(body);
  else if (encoding === 'br') text = zlib.brotliDecompressSync(body);
  else if (encoding === 'deflate') text = zlib.inflateSync(body);
  let lines = 0;
  for (let i = text.indexOf(10); i !== -1; i = text.indexOf(10, i + 1)) {
    lines++;
  }
  return lines;
}

/**
 * PostgreSQL's own COPY of the same rows the export writes (each change of
 * the period with its entity refs), through psql to this process: what the
 * database alone costs, the baseline of the export through HTTP.
 */
async function copyRows(database: string, from: string, to: string) {
  const sql = `COPY (
    SELECT c.*, (SELECT string_agg(e.entity_ref || ' ' || coalesce(e.system_ref, ''), ' ')
                   FROM change_entities e WHERE e.change_id = c.id) AS entities
      FROM changes c
     WHERE c.created_at >= '${from}' AND c.created_at < '${to}'
     ORDER BY c.created_at, c.id) TO STDOUT WITH (FORMAT csv)`;
  const started = process.hrtime.bigint();
  const psql = spawn(
    'psql',
    ['-h', '127.0.0.1', '-U', 'postgres', '-d', database, '-c', sql],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise<number | null>(resolve =>
    psql.on('close', resolve),
  );
  const run = await download(psql.stdout, started);
  if ((await exited) !== 0) throw new Error('psql COPY failed');
  return { ...run, lines: linesOf(Buffer.concat(run.chunks)) };
}

/**
 * `GET` through node's own HTTP client, with a browser's Accept-Encoding:
 * the backend compresses as it does for a user, and the client only
 * receives (fetch would decode and stream it through web streams while the
 * clock runs, on the same two cores).
 */
function httpGet(
  url: string,
  token: string,
): Promise<Download & { lines: number; encoding: string }> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    http
      .get(
        url,
        {
          headers: {
            authorization: `Bearer ${token}`,
            'accept-encoding': 'gzip, deflate, br',
          },
        },
        res => {
          if (res.statusCode !== 200) {
            res.resume();
            reject(new Error(`export: ${res.statusCode}`));
            return;
          }
          download(res, started).then(run => {
            const body = Buffer.concat(run.chunks);
            const encoding = res.headers['content-encoding'] ?? 'identity';
            resolve({ ...run, lines: linesOf(body, encoding), encoding });
          }, reject);
        },
      )
      .on('error', reject);
  });
}

/**
 * The year's change log as a user downloads it (`GET /export`, CSV, streamed
 * through HTTP), against PostgreSQL's COPY of the same rows in the same run.
 * Each side's clock stops when its last byte has come; its rows are then
 * checked by counting lines (decoded, for the export), and MB is what came
 * over the wire: the export compressed as the backend compresses it for a
 * browser, COPY as text.
 */
export async function measureExportAgainstCopy(options: {
  api: string;
  token: string;
  pool: Pool;
  database: string;
  log: (m: string) => void;
}): Promise<Measurement[]> {
  const { api, token, pool, database, log } = options;
  const { rows } = await pool.query(
    `SELECT max(created_at) AS last, count(*)::int AS n FROM changes
      WHERE created_at >= (SELECT max(created_at) FROM changes) - interval '365 days'`,
  );
  const to = new Date(rows[0].last.getTime() + 1).toISOString();
  const from = new Date(Date.parse(to) - 365 * 86_400_000).toISOString();
  const changes: number = rows[0].n;
  log(
    `export: a year (${changes.toLocaleString(
      'en-US',
    )} changes) as CSV, and COPY`,
  );
  const exportYear = () =>
    httpGet(`${api}/export?from=${from}&to=${to}`, token);
  // One run of each first, not timed, as the loads have their warm-up: it
  // reads the rows into PostgreSQL's cache and lets the backend compile
  // the export's loops, which a backend serving exports has done long
  // before. Then twice each, alternating, the faster of each kept.
  await copyRows(database, from, to);
  await exportYear();
  const copies = [];
  const exports = [];
  for (let i = 0; i < 2; i++) {
    copies.push(await copyRows(database, from, to));
    exports.push(await exportYear());
  }
  // Each download must hold every row (a cell may hold a line break, so
  // at least one line a row; the export adds its header).
  for (const run of [...copies, ...exports]) {
    if (run.lines < changes) {
      throw new Error(`a download held ${run.lines} lines for ${changes} rows`);
    }
  }
  const best = <R extends { ms: number }>(runs: R[]) =>
    runs.reduce((a, b) => (b.ms < a.ms ? b : a));
  const copy = best(copies);
  const csv = best(exports);
  const measurement = (
    name: string,
    run: { ms: number; bytes: number },
    extra: Record<string, string | number>,
  ): Measurement => ({
    name,
    rps: 1000 / run.ms,
    p50: run.ms,
    p99: run.ms,
    failures: 0,
    extra: {
      rows: changes,
      'rows/s': Math.round((changes * 1000) / run.ms),
      MB: Math.round(run.bytes / 1e6),
      ...extra,
    },
  });
  return [
    measurement('COPY of the export rows (baseline)', copy, {}),
    measurement('export a year (CSV, HTTP)', csv, { encoding: csv.encoding }),
  ];
}
