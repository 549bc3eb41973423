import { spawn } from 'node:child_process';
import { Pool } from 'pg';
import { Measurement } from './measure';

/** Newlines in a stream of bytes, and how long the stream took. */
async function countLines(stream: AsyncIterable<Uint8Array>) {
  const started = process.hrtime.bigint();
  let lines = 0;
  let bytes = 0;
  for await (const chunk of stream) {
    bytes += chunk.length;
    for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++;
  }
  return { lines, bytes, ms: Number(process.hrtime.bigint() - started) / 1e6 };
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
  const psql = spawn(
    'psql',
    ['-h', '127.0.0.1', '-U', 'postgres', '-d', database, '-c', sql],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise<number | null>(resolve =>
    psql.on('close', resolve),
  );
  const counted = await countLines(psql.stdout);
  if ((await exited) !== 0) throw new Error('psql COPY failed');
  return counted;
}

/**
 * The year's change log as a user downloads it (`GET /export`, CSV, streamed
 * through HTTP), against PostgreSQL's COPY of the same rows in the same run.
 * Rows are counted by lines (a free-text cell may hold a line break, so both
 * sides count the same way: only the ratio of their times is reported).
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
  const http = async () => {
    const res = await fetch(`${api}/export?from=${from}&to=${to}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!res.ok || !res.body) throw new Error(`export: ${res.status}`);
    return countLines(res.body);
  };
  // Twice each, alternating, the faster of each kept: the first run of
  // either warms the same buffers.
  const copies = [];
  const exports = [];
  for (let i = 0; i < 2; i++) {
    copies.push(await copyRows(database, from, to));
    exports.push(await http());
  }
  const best = (runs: { ms: number; bytes: number }[]) =>
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
    measurement('export a year (CSV, HTTP)', csv, {}),
  ];
}
