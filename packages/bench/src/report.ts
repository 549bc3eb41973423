import os from 'node:os';
import { Measurement } from './load/measure';
import { TierResult } from './tier';

export interface Target {
  tier: string;
  target: string;
  value: number;
  limit: string;
  met: boolean;
}

const find = (r: TierResult, prefix: string) =>
  r.measurements.find(m => m.name.startsWith(prefix));

/** The targets, judged on one tier's measurements. */
export function targetsOf(results: TierResult[]): Target[] {
  const targets: Target[] = [];
  const add = (
    tier: string,
    target: string,
    value: number,
    limit: string,
    met: boolean,
  ) =>
    targets.push({
      tier,
      target,
      value: Math.round(value * 100) / 100,
      limit,
      met,
    });
  for (const r of results) {
    const catalog = find(r, 'catalog by-name')!;
    const ping = find(r, 'no-op route')!;
    const p1 = find(r, 'list common p1')!;
    const deep = r.measurements.find(
      m => /^list common p\d+$/.test(m.name) && m !== p1,
    )!;
    const rare1 = find(r, 'list rare p1')!;
    const rareDeep = find(r, 'list rare deep')!;
    const transition = find(r, 'transition')!;
    const verify = find(r, 'audit/verify')!;
    add(
      r.tier,
      'per-entity list req/s ÷ catalog by-name req/s',
      p1.rps / catalog.rps,
      '≥ 1.0',
      p1.rps >= catalog.rps,
    );
    add(
      r.tier,
      'list p50 − no-op p50 (ms)',
      p1.p50 - ping.p50,
      '≤ 2',
      p1.p50 - ping.p50 <= 2,
    );
    if (deep) {
      add(
        r.tier,
        `${deep.name} p50 ÷ page 1 p50`,
        deep.p50 / p1.p50,
        '≤ 1.2',
        deep.p50 <= 1.2 * p1.p50,
      );
      add(
        r.tier,
        'rare deep p50 ÷ rare page 1 p50',
        rareDeep.p50 / rare1.p50,
        '≤ 1.2',
        rareDeep.p50 <= 1.2 * rare1.p50,
      );
    }
    // Ratios to baselines of the same run, so that a slower machine
    // measures the same thing (issue 19).
    add(
      r.tier,
      'transitions req/s ÷ catalog by-name req/s',
      transition.rps / catalog.rps,
      '≥ 0.6',
      transition.rps >= 0.6 * catalog.rps,
    );
    add(
      r.tier,
      'transition p99 ÷ p50',
      transition.p99 / transition.p50,
      '≤ 3',
      transition.p99 <= 3 * transition.p50,
    );
    const byId = find(r, 'get by id');
    if (byId) {
      add(
        r.tier,
        'get by id req/s ÷ catalog by-name req/s',
        byId.rps / catalog.rps,
        '≥ 1.0',
        byId.rps >= catalog.rps,
      );
    }
    const system = find(r, 'list system p1');
    if (system) {
      add(
        r.tier,
        'System list p1 req/s ÷ catalog by-name req/s',
        system.rps / catalog.rps,
        '≥ 1.2',
        system.rps >= 1.2 * catalog.rps,
      );
    }
    const csv = find(r, 'export a year (CSV, HTTP)');
    const copy = find(r, 'COPY of the export rows (baseline)');
    if (csv && copy) {
      add(
        r.tier,
        'export rows/s through HTTP ÷ COPY rows/s',
        csv.rps / copy.rps,
        '≥ 0.8',
        csv.rps >= 0.8 * copy.rps,
      );
    }
    const eps = Number(verify.extra?.['events/s']);
    add(r.tier, 'verification events/s', eps, '≥ 50,000', eps >= 50_000);
    const hashing = find(r, 'hashing baseline');
    if (hashing) {
      const hps = Number(hashing.extra?.['events/s']);
      add(
        r.tier,
        'verification events/s ÷ hashing events/s',
        eps / hps,
        '≥ 0.5',
        eps >= 0.5 * hps,
      );
    }
  }
  const first = results[0];
  const last = results[results.length - 1];
  if (results.length > 1) {
    const a = find(first, 'list common p1')!.p50;
    const b = find(last, 'list common p1')!.p50;
    add(
      `${last.tier} vs ${first.tier}`,
      'list p50 ratio',
      b / a,
      '≤ 1.2',
      b <= 1.2 * a,
    );
  }
  return targets;
}

const n = (v: number, digits = 1) =>
  Number.isFinite(v)
    ? v.toLocaleString('en', { maximumFractionDigits: digits })
    : '–';

function table(r: TierResult): string {
  const rawOf = (m: Measurement) =>
    r.measurements.find(x => x.name === `raw SQL: ${m.name}`);
  const catalog = find(r, 'catalog by-name')!;
  const lines = [
    `| target | req/s | p50 ms | p99 ms | ÷ catalog req/s | ÷ raw SQL req/s | failures | other |`,
    `| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |`,
  ];
  for (const m of r.measurements) {
    const raw = rawOf(m);
    lines.push(
      `| ${m.name} | ${n(m.rps, m.rps < 10 ? 2 : 0)} | ${n(m.p50)} | ${n(
        m.p99,
      )} | ${n(m.rps / catalog.rps, 2)} | ${
        raw ? n(m.rps / raw.rps, 2) : ''
      } | ${m.failures} | ${Object.entries(m.extra ?? {})
        .map(([k, v]) => `${k} ${typeof v === 'number' ? n(v, 0) : v}`)
        .join(', ')} |`,
    );
  }
  return lines.join('\n');
}

export function machine() {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    cpus: `${cpus.length} × ${cpus[0]?.model ?? 'unknown'}`,
    memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    'load average at the end': os
      .loadavg()
      .map(l => l.toFixed(1))
      .join(' '),
  };
}

export function markdown(
  info: Record<string, unknown>,
  results: TierResult[],
  targets: Target[],
  frontend?: string,
): string {
  const parts = [
    '# yarn bench',
    '',
    Object.entries(info)
      .map(([k, v]) => `- ${k}: ${v}`)
      .join('\n'),
  ];
  for (const r of results) {
    parts.push(
      '',
      `## ${r.tier}: ${r.seed.changes.toLocaleString(
        'en',
      )} changes, ${r.seed.events.toLocaleString(
        'en',
      )} events (seeded in ${r.seed.seconds.toFixed(1)} s, ${n(
        r.seed.events / r.seed.seconds,
        0,
      )} events/s)`,
      '',
      table(r),
    );
  }
  parts.push(
    '',
    '## Targets',
    '',
    '| tier | target | value | limit | met |',
    '| --- | --- | ---: | --- | --- |',
    ...targets.map(
      t =>
        `| ${t.tier} | ${t.target} | ${n(t.value, 2)} | ${t.limit} | ${
          t.met ? 'yes' : '**no**'
        } |`,
    ),
  );
  if (frontend) parts.push('', '## Frontend', '', frontend);
  return `${parts.join('\n')}\n`;
}
