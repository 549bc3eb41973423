import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  RELATION_DEPENDENCY_OF,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { RiskEntity } from '@trove/backstage-plugin-change-management-common';

/** Only what the risk needs, to keep the catalog's answers small. */
export const BLAST_RADIUS_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.annotations',
  'spec.lifecycle',
  'relations',
];

/** The affected entities and their dependents, as the risk reads them. */
export interface BlastRadius {
  affected: RiskEntity[];
  dependents: RiskEntity[];
  /** Stopped at the depth or the read limit with dependents left unread. */
  truncated: boolean;
  /** The catalog calls made, one per hop. */
  reads: number;
}

const targetsOf = (entity: Entity, type: string) =>
  entity.relations?.filter(r => r.type === type).map(r => r.targetRef) ?? [];

function riskEntity(
  ref: string,
  entity: Entity | undefined,
  criticalityAnnotation: string,
): RiskEntity {
  if (!entity) return { entityRef: ref, missing: true };
  const lifecycle = (entity.spec as { lifecycle?: unknown } | undefined)
    ?.lifecycle;
  return {
    entityRef: ref,
    lifecycle: typeof lifecycle === 'string' ? lifecycle : undefined,
    criticality: entity.metadata.annotations?.[criticalityAnnotation],
    systemRef: targetsOf(entity, RELATION_PART_OF).find(
      r => parseEntityRef(r).kind.toLocaleLowerCase('en-US') === 'system',
    ),
    ownerRef: targetsOf(entity, RELATION_OWNED_BY)[0],
  };
}

/**
 * The blast radius of a change: breadth first from the affected entities
 * along `dependencyOf` (the catalog's inverse of `dependsOn`: who depends
 * on this one), one batched `getEntitiesByRefs` per hop, as the notifier
 * reads the graph. Each entity is read once, so a cycle ends; an entity the
 * catalog does not know is kept as missing. It stops after `depth` hops or
 * `maxReads` calls, whichever comes first.
 */
export async function blastRadius(
  catalog: Pick<CatalogService, 'getEntitiesByRefs'>,
  credentials: BackstageCredentials,
  options: {
    entityRefs: string[];
    depth: number;
    maxReads: number;
    criticalityAnnotation: string;
    /**
     * The affected entities as the caller already read them, with
     * BLAST_RADIUS_FIELDS: the first hop reads none of them again.
     */
    affectedEntities?: Entity[];
  },
): Promise<BlastRadius> {
  const known = new Map(
    (options.affectedEntities ?? []).map(e => [stringifyEntityRef(e), e]),
  );
  const seen = new Set<string>();
  const affected: RiskEntity[] = [];
  const dependents: RiskEntity[] = [];
  let level = [...new Set(options.entityRefs)];
  let hop = 0;
  let reads = 0;
  while (level.length && hop <= options.depth && reads < options.maxReads) {
    level.forEach(ref => seen.add(ref));
    let items: (Entity | undefined)[];
    if (hop === 0 && level.every(ref => known.has(ref))) {
      items = level.map(ref => known.get(ref));
    } else {
      ({ items } = await catalog.getEntitiesByRefs(
        { entityRefs: level, fields: BLAST_RADIUS_FIELDS },
        { credentials },
      ));
      reads += 1;
    }
    const next = new Set<string>();
    const found = hop === 0 ? affected : dependents;
    for (const [i, ref] of level.entries()) {
      const entity = items[i];
      found.push(riskEntity(ref, entity, options.criticalityAnnotation));
      for (const target of entity
        ? targetsOf(entity, RELATION_DEPENDENCY_OF)
        : []) {
        const key = stringifyEntityRef(parseEntityRef(target));
        if (!seen.has(key)) next.add(key);
      }
    }
    level = [...next];
    hop += 1;
  }
  return { affected, dependents, truncated: level.length > 0, reads };
}
