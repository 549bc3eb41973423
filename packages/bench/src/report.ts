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
  // Ratios to baselines of the same run, so that a slower machine measures
  // the same thing (issue 19). A run limited by --only judges what it has.
  const atLeast = (
    tier: string,
    target: string,
    a: number | undefined,
    b: number | undefined,
    floor: number,
  ) => {
    if (a === undefined || b === undefined) return;
    add(tier, target, a / b, `≥ ${floor}`, a >= floor * b);
  };
  const atMost = (
    tier: string,
    target: string,
    a: number | undefined,
    b: number | undefined,
    ceiling: number,
  ) => {
    if (a === undefined || b === undefined) return;
    add(tier, target, a / b, `≤ ${ceiling}`, a <= ceiling * b);
  };
  const eventsPerSecond = (m?: Measurement) =>
    m ? Number(m.extra?.['events/s']) : undefined;
  for (const r of results) {
    const t = r.tier;
    const catalog = find(r, 'catalog by-name')?.rps;
    const ping = find(r, 'no-op route');
    const p1 = find(r, 'list common p1');
    const deep = r.measurements.find(
      m => /^list common p\d+$/.test(m.name) && m !== p1,
    );
    const rare1 = find(r, 'list rare p1');
    const rareDeep = find(r, 'list rare deep');
    const transition = find(r, 'transition');
    atLeast(
      t,
      'per-entity list req/s ÷ catalog by-name req/s',
      p1?.rps,
      catalog,
      1,
    );
    if (p1 && ping) {
      const gap = p1.p50 - ping.p50;
      add(t, 'list p50 − no-op p50 (ms)', gap, '≤ 2', gap <= 2);
    }
    if (deep) {
      atMost(t, `${deep.name} p50 ÷ page 1 p50`, deep.p50, p1?.p50, 1.2);
      atMost(
        t,
        'rare deep p50 ÷ rare page 1 p50',
        rareDeep?.p50,
        rare1?.p50,
        1.2,
      );
    }
    atLeast(
      t,
      'transitions req/s ÷ catalog by-name req/s',
      transition?.rps,
      catalog,
      0.6,
    );
    atMost(t, 'transition p99 ÷ p50', transition?.p99, transition?.p50, 3);
    atLeast(
      t,
      'get by id req/s ÷ catalog by-name req/s',
      find(r, 'get by id')?.rps,
      catalog,
      1,
    );
    atLeast(
      t,
      'System list p1 req/s ÷ catalog by-name req/s',
      find(r, 'list system p1')?.rps,
      catalog,
      1.2,
    );
    // Issue 21: a System's year of metrics and calendar.
    const catalogP50 = find(r, 'catalog by-name')?.p50;
    for (const name of ['metrics', 'calendar']) {
      const m = find(r, `${name} (System, a year)`);
      // No answer within the load is no figure, not a fast one.
      atMost(
        t,
        `${name} (System, a year) p50 ÷ catalog by-name p50`,
        m && m.rps > 0 ? m.p50 : m && Infinity,
        catalogP50,
        2,
      );
    }
    // Issue 24: the risk assessment's cost on a submit.
    atMost(
      t,
      'submit p50, risk on ÷ risk off',
      find(r, 'submit (risk on)')?.p50,
      find(r, 'submit (risk off)')?.p50,
      1.2,
    );
    atLeast(
      t,
      'export rows/s through HTTP ÷ COPY rows/s',
      find(r, 'export a year (CSV, HTTP)')?.rps,
      find(r, 'COPY of the export rows (baseline)')?.rps,
      0.8,
    );
    atLeast(
      t,
      'verification events/s ÷ hashing events/s',
      eventsPerSecond(find(r, 'audit/verify')),
      eventsPerSecond(find(r, 'hashing baseline')),
      0.5,
    );
  }
  if (results.length > 1) {
    const first = results[0];
    const last = results[results.length - 1];
    atMost(
      `${last.tier} vs ${first.tier}`,
      'list p50 ratio',
      find(last, 'list common p1')?.p50,
      find(first, 'list common p1')?.p50,
      1.2,
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
  const catalog = find(r, 'catalog by-name');
  const lines = [
    `| target | req/s | p50 ms | p99 ms | ÷ catalog req/s | ÷ raw SQL req/s | failures | other |`,
    `| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |`,
  ];
  for (const m of r.measurements) {
    const raw = rawOf(m);
    lines.push(
      `| ${m.name} | ${n(m.rps, m.rps < 10 ? 2 : 0)} | ${n(m.p50)} | ${n(
        m.p99,
      )} | ${catalog ? n(m.rps / catalog.rps, 2) : ''} | ${
        raw ? n(m.rps / raw.rps, 2) : ''
      } | ${m.failures} | ${Object.entries(m.extra ?? {})
        .map(
          ([k, v]) =>
            `${k} ${typeof v === 'number' ? n(v, v < 10 ? 1 : 0) : v}`,
        )
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
