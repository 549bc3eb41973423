import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** At most this many refs in one catalog call. */
const CHUNK = 500;

/**
 * Display names of users and entities for one export or one index: looked
 * up in the catalog a batch of refs at a time, each ref once, never per row.
 * A ref the catalog does not know (a person who left) shows its name part.
 *
 * @public
 */
export class DisplayNames {
  private readonly names = new Map<string, string>();

  constructor(
    private readonly catalog: Pick<CatalogService, 'getEntitiesByRefs'>,
    private readonly credentials: BackstageCredentials,
  ) {}

  /** Looks up the refs not seen yet. */
  async load(refs: Iterable<string>): Promise<void> {
    // An export hands every ref of every row: most are known by then.
    const unseen = new Set<string>();
    for (const ref of refs) {
      if (!this.names.has(ref)) unseen.add(ref);
    }
    const unknown = [...unseen];
    for (let i = 0; i < unknown.length; i += CHUNK) {
      const chunk = unknown.slice(i, i + CHUNK);
      const { items } = await this.catalog.getEntitiesByRefs(
        {
          entityRefs: chunk,
          fields: ['kind', 'metadata.name', 'metadata.title', 'spec.profile'],
        },
        { credentials: this.credentials },
      );
      chunk.forEach((ref, j) =>
        this.names.set(ref, displayName(ref, items[j])),
      );
    }
  }

  /** The name of a loaded ref. */
  nameOf = (ref: string): string => this.names.get(ref) ?? nameOnly(ref);
}

function displayName(ref: string, entity: Entity | undefined): string {
  const profile = entity?.spec?.profile as { displayName?: string } | undefined;
  return profile?.displayName ?? entity?.metadata.title ?? nameOnly(ref);
}

/** The name part of an entity ref, e.g. `alice` of `user:default/alice`. @public */
export function nameOnly(ref: string): string {
  try {
    return parseEntityRef(ref).name;
  } catch {
    return ref;
  }
}
