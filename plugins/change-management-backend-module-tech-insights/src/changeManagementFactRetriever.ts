import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  FactRetriever,
  TechInsightFact,
} from '@backstage-community/plugin-tech-insights-node';
import {
  AFFECTABLE_KINDS,
  CHANGE_FAILURE_WINDOW_DAYS,
  ENTITY_FACTS_BATCH,
  EntityFactsItem,
  EntityFactsList,
  RETROSPECTIVE_DUE_HOURS,
} from '@trove/backstage-plugin-change-management-common';
import { DateTime } from 'luxon';

/** The retriever's id: the facts' id in Tech Insights, and its config key. */
export const CHANGE_MANAGEMENT_FACT_RETRIEVER_ID =
  'changeManagementFactRetriever';

/** The pluginId of the change-management backend, which counts the facts. */
const CHANGE_MANAGEMENT = 'change-management';

/**
 * The Tech Insights facts of an entity. Each is the change-management
 * backend's answer (`GET /entities/facts`), which judges them; a figure it
 * leaves out (no production change) is left out here too, so a check on it
 * is skipped rather than passed or failed.
 */
const schema = {
  openChanges: {
    type: 'integer',
    description:
      'Submitted changes that still wait on someone (not drafts, not finished).',
  },
  overdueRetrospectives: {
    type: 'integer',
    description: `Emergency changes whose retrospective was due (deploy + ${RETROSPECTIVE_DUE_HOURS} h) and is not documented.`,
  },
  productionChanges: {
    type: 'integer',
    description: `Changes deployed to production in the last ${CHANGE_FAILURE_WINDOW_DAYS} days.`,
  },
  failedChanges: {
    type: 'integer',
    description:
      'Of those, the ones rolled back or whose post-deployment verification failed.',
  },
  changeFailureRate: {
    type: 'float',
    description: `failedChanges / productionChanges over the last ${CHANGE_FAILURE_WINDOW_DAYS} days, from 0 to 1; absent without production changes.`,
  },
  lastProductionChangeAt: {
    type: 'datetime',
    description: 'The last production deploy; absent if none.',
  },
  daysSinceLastProductionChange: {
    type: 'integer',
    description: 'Whole days since the last production deploy; absent if none.',
  },
} satisfies FactRetriever['schema'];

/** The catalog's entities of the kinds a change may affect, a page at a time. */
async function* entityPages(catalog: CatalogService, auth: AuthService) {
  const credentials = await auth.getOwnServiceCredentials();
  const fields = ['kind', 'metadata.namespace', 'metadata.name'];
  let cursor: string | undefined;
  do {
    const page = await catalog.queryEntities(
      cursor
        ? { cursor, limit: ENTITY_FACTS_BATCH, fields }
        : {
            filter: { kind: [...AFFECTABLE_KINDS] },
            limit: ENTITY_FACTS_BATCH,
            fields,
          },
      { credentials },
    );
    if (page.items.length) yield page.items;
    cursor = page.pageInfo.nextCursor;
  } while (cursor);
}

/** The backend's figures for a batch of entities, asked with a service token. */
async function readFacts(
  discovery: DiscoveryService,
  auth: AuthService,
  entityRefs: string[],
): Promise<EntityFactsList> {
  const [baseUrl, { token }] = await Promise.all([
    discovery.getBaseUrl(CHANGE_MANAGEMENT),
    auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: CHANGE_MANAGEMENT,
    }),
  ]);
  const query = new URLSearchParams({ entityRefs: entityRefs.join(',') });
  const response = await fetch(`${baseUrl}/entities/facts?${query}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  if (!response.ok) {
    throw await ResponseError.fromResponse(response);
  }
  return (await response.json()) as EntityFactsList;
}

/** One entity's figures as a Tech Insights fact. */
function toFact(
  entity: TechInsightFact['entity'],
  { entityRef: _, lastProductionChangeAt, ...figures }: EntityFactsItem,
): TechInsightFact {
  return {
    entity,
    facts: {
      ...figures,
      ...(lastProductionChangeAt && {
        lastProductionChangeAt: DateTime.fromISO(lastProductionChangeAt, {
          zone: 'utc',
        }),
      }),
    },
  };
}

/**
 * A fact retriever of each entity's open changes, overdue retrospectives,
 * change failure rate over 90 days and the age of its last production
 * change. It walks the catalog's entities of the kinds a change may affect,
 * a hundred at a time, and asks the change-management backend for each
 * batch's figures: the backend is the one judge of what is open, overdue or
 * failed.
 *
 * @public
 */
export function createChangeManagementFactRetriever(options: {
  catalog: CatalogService;
}): FactRetriever {
  return {
    id: CHANGE_MANAGEMENT_FACT_RETRIEVER_ID,
    version: '0.1.0',
    title: 'Change management',
    description:
      "Each entity's open changes, overdue retrospectives, change failure rate and last production change, from the change-management plugin",
    entityFilter: [{ kind: [...AFFECTABLE_KINDS] }],
    schema,
    async handler({ discovery, auth }) {
      const facts: TechInsightFact[] = [];
      for await (const entities of entityPages(options.catalog, auth)) {
        const byRef = new Map(entities.map(e => [stringifyEntityRef(e), e]));
        const { items } = await readFacts(discovery, auth, [...byRef.keys()]);
        for (const item of items) {
          const { kind, metadata } = byRef.get(item.entityRef)!;
          const entity = {
            kind,
            namespace: metadata.namespace ?? 'default',
            name: metadata.name,
          };
          facts.push(toFact(entity, item));
        }
      }
      return facts;
    },
  };
}
