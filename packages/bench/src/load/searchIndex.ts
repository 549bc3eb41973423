import { pipeline } from 'node:stream/promises';
import v8 from 'node:v8';
import vm from 'node:vm';
import { CatalogClient } from '@backstage/catalog-client';
import { LunrSearchEngine } from '@backstage/plugin-search-backend-node';
import { ChangeCollatorFactory } from '@trove/backstage-plugin-change-management-backend-module-search';
import { Measurement } from './measure';

v8.setFlagsFromString('--expose-gc');
const gc: () => void = vm.runInNewContext('gc');

const MB = 1024 * 1024;
const quiet = {
  debug() {},
  info() {},
  warn: console.warn,
  error: console.error,
  child() {
    return quiet;
  },
};

/**
 * A full index of every change, as the search backend runs it: the search
 * module's collator reads the backend's list a page at a time and names
 * people and entities from the catalog, into the in-memory Lunr engine
 * (the default one). Here in the bench's own process, standing in for the
 * search plugin's: the time, the CPU and the memory are this process's,
 * the memory as the heap the built index keeps after a GC, and the
 * process's peak RSS. The token is a user's (the bench mints user
 * tokens), where the module uses its service token: both read every
 * change, the user with one cached permission decision.
 */
export async function measureSearchIndex(
  options: { baseUrl: string; token: string; changes: number },
  log: (m: string) => void,
): Promise<Measurement> {
  const { baseUrl, token } = options;
  const discovery = {
    getBaseUrl: async (pluginId: string) => `${baseUrl}/api/${pluginId}`,
    getExternalBaseUrl: async (pluginId: string) =>
      `${baseUrl}/api/${pluginId}`,
  };
  const catalogClient = new CatalogClient({ discoveryApi: discovery });
  const factory = ChangeCollatorFactory.fromOptions({
    auth: {
      getOwnServiceCredentials: async () => ({}),
      getPluginRequestToken: async () => ({ token }),
    } as any,
    discovery,
    // The one call the collator makes, with the bench's token.
    catalog: {
      getEntitiesByRefs: (request: any) =>
        catalogClient.getEntitiesByRefs(request, { token }),
    } as any,
    logger: quiet as any,
  });
  const engine = new LunrSearchEngine({ logger: quiet as any });

  log(`search index: every change, into Lunr`);
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  let documents = 0;
  const collator = await factory.getCollator();
  collator.on('data', () => {
    documents += 1;
  });
  await pipeline(collator, await engine.getIndexer(factory.type));
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const cpu = process.cpuUsage(cpuBefore);
  gc();
  const heapAfter = process.memoryUsage().heapUsed;

  // The index answers: a word of the seeded emergencies' titles.
  const found = await engine.query({ term: 'refunds', types: [factory.type] });
  if (documents < options.changes || found.results.length === 0) {
    throw new Error(
      `the index holds ${documents} changes of ${options.changes}, and finds ${found.results.length} for "refunds"`,
    );
  }
  log(`search index: ${documents} changes in ${(ms / 1000).toFixed(1)} s`);
  return {
    name: 'search index (Lunr)',
    rps: 1000 / ms,
    p50: ms,
    p99: ms,
    failures: 0,
    extra: {
      changes: documents,
      'changes/s': Math.round(documents / (ms / 1000)),
      'cpu s': Number(((cpu.user + cpu.system) / 1e6).toFixed(1)),
      'index heap MB': Math.round((heapAfter - heapBefore) / MB),
      // The process's peak, which the index's is: the bench holds little
      // else. (A sampler would miss it: Lunr builds without yielding.)
      'peak rss MB': Math.round((process.resourceUsage().maxRSS * 1024) / MB),
    },
  };
}
