import { Pool } from 'pg';
import {
  ENGINEERS,
  Script,
} from '@trove/backstage-plugin-change-management-backend/testUtils';
import { Backend, BackendOptions } from '../backend';
import { SeedPlan } from '../seed/seed';
import { seedWith } from '../seed/seedWith';
import { withCpu } from './cpu';
import { loadHttp } from './http';
import { Measurement } from './measure';

/** A change just raised: a draft, for its author to submit. */
const DRAFT: Script = { name: 'draft', type: 'standard', steps: [], weight: 0 };
const AUTHOR = 0;

export interface SubmitLoad {
  /** The tier's backend, with the risk assessment on (its default). */
  backend: Backend;
  /** How to start a second one on the same databases, the risk off. */
  backendOptions: BackendOptions;
  pool: Pool;
  prefix: string;
  plan: SeedPlan;
  seconds: number;
  connections: number;
  log: (message: string) => void;
}

/**
 * Issue 24: submitting a draft with the risk assessment on and off
 * (`changeManagement.risk.enabled`), each on drafts seeded for it, raised
 * after the tier's changes. With it off, a second backend on the same
 * databases answers, started for that load alone.
 */
export async function measureSubmit(load: SubmitLoad): Promise<Measurement[]> {
  const { log, pool, prefix, plan } = load;
  // Both loads' drafts in one seed: each seed rebuilds the indexes.
  const size = Math.max(2000, load.seconds * 400);
  const { pool: drafts } = await seedWith(
    pool,
    {
      ...plan,
      count: 0,
      poolSize: 2 * size,
      poolScript: DRAFT,
      poolAuthor: AUTHOR,
      start: plan.end,
      end: new Date(Date.now() - 60_000),
    },
    log,
  );
  const submit = async (
    backend: Backend,
    name: string,
    changes: typeof drafts,
  ) => {
    const token = await backend.token(
      ENGINEERS[AUTHOR].userEntityRef.replace('user:default/', ''),
    );
    log(`load: ${name}`);
    let next = 0;
    return withCpu(backend, pool, prefix, () =>
      loadHttp(
        {
          name,
          url: `${backend.baseUrl}/api/change-management/changes/x/actions`,
          token,
          method: 'POST',
          next: () => {
            const change = changes[next++ % changes.length];
            return {
              path: `/api/change-management/changes/${change.id}/actions`,
              body: JSON.stringify({
                action: 'submit',
                version: change.version,
              }),
            };
          },
        },
        { connections: load.connections, seconds: load.seconds, warmup: false },
      ),
    );
  };
  const options = load.backendOptions;
  const off = Backend.start({
    ...options,
    port: options.port + 1,
    logFile: options.logFile.replace(/\.log$/, '-risk-off.log'),
    cpuProfDir: undefined,
    changeManagement: {
      ...options.changeManagement,
      risk: { enabled: false },
    },
  });
  let withoutRisk: Measurement;
  try {
    log(`backend with the risk off up in ${await off.ready()} ms`);
    withoutRisk = await submit(off, 'submit (risk off)', drafts.slice(0, size));
  } finally {
    await off.stop();
  }
  return [
    withoutRisk,
    await submit(load.backend, 'submit (risk on)', drafts.slice(size)),
  ];
}
