import { Pool } from 'pg';
import { Backend, processCpuMs } from '../backend';
import { Measurement } from './measure';

/**
 * A load on the backend, with the CPU time per request it answered, of
 * the backend (`cpu ms/req`) and of the PostgreSQL processes serving this
 * bench's databases (`pg cpu ms/req`), counted over the warm-up too, which
 * is short. Unlike req/s, these hardly move when other work shares the
 * machine.
 */
export async function withCpu(
  backend: Backend,
  pool: Pool,
  prefix: string,
  load: () => Promise<Measurement>,
): Promise<Measurement> {
  // The server processes of the backend's connections, by pid: a process
  // gone before the end (an idle connection closed) is left out.
  const serverCpu = async () => {
    const { rows } = await pool.query(
      'SELECT pid FROM pg_stat_activity WHERE starts_with(datname, $1)',
      [prefix],
    );
    return new Map(rows.map(r => [r.pid, processCpuMs(r.pid)]));
  };
  const [before, pgBefore] = [backend.cpuMs(), await serverCpu()];
  const started = Date.now();
  const m = await load();
  const [after, pgAfter] = [backend.cpuMs(), await serverCpu()];
  if (before === undefined || after === undefined) return m;
  let pg = 0;
  for (const [pid, ms] of pgAfter) pg += (ms ?? 0) - (pgBefore.get(pid) ?? 0);
  // The requests of the warm-up are not counted in rps: estimate them by
  // the time the whole load took.
  const requests = (m.rps * (Date.now() - started)) / 1000;
  return {
    ...m,
    extra: {
      ...m.extra,
      'cpu ms/req': (after - before) / requests,
      'pg cpu ms/req': pg / requests,
    },
  };
}
