import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AFFECTABLE_KINDS } from '@trove/backstage-plugin-change-management-common';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { AffectedEntity } from '../database/ChangeStore';
import { inputError } from '../errors';
import { BLAST_RADIUS_FIELDS } from './blastRadius';

const refusedAt = (path: string) => (message: string) =>
  inputError(message, [{ path, message }]);

/** The System an entity belongs to: itself for a System, else spec.system. */
function systemOf(entity: Entity): string | undefined {
  if (entity.kind.toLocaleLowerCase('en-US') === 'system') {
    return stringifyEntityRef(entity);
  }
  const system = entity.spec?.system;
  if (typeof system !== 'string' || !system) {
    return undefined;
  }
  return stringifyEntityRef(
    parseEntityRef(system, {
      defaultKind: 'system',
      defaultNamespace: entity.metadata.namespace,
    }),
  );
}

/** The entity's owner as an entity ref (`spec.owner`, a group by default). */
function ownerOf(entity: Entity): string | undefined {
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || !owner) {
    return undefined;
  }
  return stringifyEntityRef(
    parseEntityRef(owner, {
      defaultKind: 'group',
      defaultNamespace: entity.metadata.namespace,
    }),
  );
}

/**
 * Checks that every ref names an entity the caller can see in the catalog,
 * in one batched lookup, and records the System each one is part of and
 * its owner.
 */
export async function resolveAffectedEntities(
  refs: string[],
  catalog: CatalogService,
  credentials: BackstageCredentials,
  field = 'affectedEntityRefs',
): Promise<AffectedEntity[]> {
  return (await readAffectedEntities(refs, catalog, credentials, field))
    .affected;
}

/**
 * {@link resolveAffectedEntities}, with the entities as read, which also
 * hold what the risk's blast radius reads of them (issue 24), so that a
 * raise or an edit reads them from the catalog once.
 */
export async function readAffectedEntities(
  refs: string[],
  catalog: CatalogService,
  credentials: BackstageCredentials,
  field = 'affectedEntityRefs',
): Promise<{ affected: AffectedEntity[]; entities: Entity[] }> {
  const refused = refusedAt(field);
  const normalized: string[] = [];
  for (const ref of refs) {
    let parsed;
    try {
      parsed = parseEntityRef(ref);
    } catch {
      throw refused(
        `'${ref}' is not an entity ref; use kind:namespace/name, for example component:default/payments-service`,
      );
    }
    // A change is made to a system, not to a person or a team.
    const kind = parsed.kind.toLocaleLowerCase('en-US');
    if (!(AFFECTABLE_KINDS as readonly string[]).includes(kind)) {
      throw refused(
        `'${ref}' is a ${
          parsed.kind
        }; a change affects only ${AFFECTABLE_KINDS.join(', ')} entities`,
      );
    }
    normalized.push(stringifyEntityRef(parsed));
  }
  const unique = [...new Set(normalized)];
  if (unique.length === 0) {
    return { affected: [], entities: [] };
  }
  const { items } = await catalog.getEntitiesByRefs(
    {
      entityRefs: unique,
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'spec.system',
        'spec.owner',
        ...BLAST_RADIUS_FIELDS,
      ],
    },
    { credentials },
  );
  const missing = unique.filter((_, i) => !items[i]);
  if (missing.length) {
    throw refused(
      `Unknown or invisible catalog entities: ${missing.join(', ')}`,
    );
  }
  const entities = items as Entity[];
  return {
    affected: entities.map((entity, i) => ({
      entityRef: unique[i],
      systemRef: systemOf(entity),
      ownerRef: ownerOf(entity),
    })),
    entities,
  };
}
