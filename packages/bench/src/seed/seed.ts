import { PoolClient } from 'pg';
import {
  AffectedEntity,
  AWAITING_APPROVAL,
  BulkHistoryWriter,
  HISTORY_TABLES,
  Script,
  SCRIPTS,
  seedChange,
} from '@trove/backstage-plugin-change-management-backend/testUtils';
import { withoutIndexes } from './indexes';

export interface SeedPlan {
  /** Changes spread over the sample entities and Systems. */
  count: number;
  /** What the catalog says of each sample entity (its System and owner). */
  entities: AffectedEntity[];
  /** Affected by a quarter of the changes, and by a tenth with another. */
  common: string;
  /** Affected by one change in a thousand. */
  rare: string;
  /** Changes waiting for the CTO's approval, for the transition load. */
  poolSize: number;
  poolEntity: string;
  /** The pool's path; changes awaiting approval unless given. */
  poolScript?: Script;
  /** The pool's author (index in ENGINEERS); one each in turn unless given. */
  poolAuthor?: number;
  /** Changes are raised evenly over [start, end). */
  start: Date;
  end: Date;
}

export interface SeedResult {
  changes: number;
  events: number;
  seconds: number;
  /** Oldest first: the pool's changes (e.g. for the CTO to approve), with their version. */
  pool: { id: string; version: number }[];
  /** A change of the common entity, for get by id. */
  sampleId: string;
}

const BATCH_EVENTS = 20_000;
const TOTAL_WEIGHT = SCRIPTS.reduce((sum, s) => sum + s.weight, 0);

/** A cheap, fixed pseudo-random number in [0, 1) for change i. */
function mix(i: number, salt: number): number {
  const x = Math.sin(i * 12.9898 + salt * 78.233) * 43758.5453;
  return x - Math.floor(x);
}

function scriptFor(i: number): Script {
  let pick = mix(i, 1) * TOTAL_WEIGHT;
  for (const script of SCRIPTS) {
    pick -= script.weight;
    if (pick < 0) return script;
  }
  return SCRIPTS[0];
}

/**
 * Seeds the pool and then `count` changes, newest last, in batches,
 * reporting progress. Events of a change are closer together than changes
 * are, so the chain's order is also the order of time.
 */
export async function seed(
  client: PoolClient,
  plan: SeedPlan,
  progress: (message: string) => void,
): Promise<SeedResult> {
  return withoutIndexes(
    client,
    HISTORY_TABLES,
    () => load(client, plan, progress),
    progress,
  );
}

async function load(
  client: PoolClient,
  plan: SeedPlan,
  progress: (message: string) => void,
): Promise<SeedResult> {
  const started = Date.now();
  const byRef = new Map(plan.entities.map(e => [e.entityRef, e]));
  const entity = (ref: string) => {
    const found = byRef.get(ref);
    if (!found) throw new Error(`No sample entity ${ref}`);
    return found;
  };
  const others = plan.entities
    .map(e => e.entityRef)
    .filter(ref => ![plan.common, plan.rare, plan.poolEntity].includes(ref));
  const total = plan.poolSize + plan.count;
  const first = plan.start.getTime();
  const spacing = (plan.end.getTime() - first) / total;
  const stepMs = Math.min(3600_000, spacing / 16);

  const writer = await BulkHistoryWriter.open(client);
  const pool: SeedResult['pool'] = [];
  let sampleId = '';
  let events = 0;
  let lastReport = Date.now();
  let pending: Promise<void> = Promise.resolve();

  for (let i = 0; i < total; i++) {
    const inPool = i < plan.poolSize;
    let refs: string[];
    if (inPool) refs = [plan.poolEntity];
    else if (i % 1000 === 500) refs = [plan.rare];
    else {
      const r = mix(i, 2);
      const other = others[Math.floor(mix(i, 3) * others.length)];
      if (r < 0.25) refs = [plan.common];
      else if (r < 0.35) refs = [plan.common, other];
      else refs = [other];
    }
    const seeded = seedChange({
      script: inPool ? plan.poolScript ?? AWAITING_APPROVAL : scriptFor(i),
      entities: refs.map(entity),
      author: inPool ? plan.poolAuthor ?? i : i,
      createdAt: new Date(first + i * spacing),
      stepMs,
      title: `Bench change ${i + 1}`,
      // Each deploy of a change that links a PR records its snapshot, as
      // with the GitHub module: the export writes it (issue 20).
      pullRequests: true,
    });
    if (inPool) {
      pool.push({ id: seeded.change.id, version: seeded.change.version });
    } else if (refs[0] === plan.common) {
      sampleId = seeded.change.id;
    }
    events += seeded.events.length;
    writer.add(seeded);
    if (writer.queuedEvents >= BATCH_EVENTS) {
      // Build the next batch while the database writes this one.
      await pending;
      pending = writer.flush();
    }
    if (i % 500 === 0) {
      await new Promise(resolve => setImmediate(resolve));
    }
    if (Date.now() - lastReport > 3000) {
      lastReport = Date.now();
      const seconds = (lastReport - started) / 1000;
      progress(
        `seeded ${(i + 1).toLocaleString('en')} / ${total.toLocaleString(
          'en',
        )} changes, ${events.toLocaleString('en')} events (${Math.round(
          events / seconds,
        ).toLocaleString('en')} events/s)`,
      );
    }
  }
  await pending;
  await writer.finish();
  return {
    changes: total,
    events,
    seconds: (Date.now() - started) / 1000,
    pool,
    sampleId,
  };
}
