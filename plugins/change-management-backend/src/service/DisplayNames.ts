import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** At most this many refs in one catalog call. */
const CHUNK = 500;

/**
 * Display names of users and entities for one export: looked up in the
 * catalog a batch of refs at a time, each ref once, never per row. A ref the
 * catalog does not know (a person who left) shows its name part.
 */
export class DisplayNames {
  private readonly names = new Map<string, string>();

  constructor(
    private readonly catalog: CatalogService,
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

function nameOnly(ref: string): string {
  try {
    return parseEntityRef(ref).name;
  } catch {
    return ref;
  }
}

/** The steps of a change whose signer a change log row names. */
const SIGNED_STEPS = [
  'reviewed',
  'approved',
  'signedOff',
  'deployed',
  'verified',
  'retrospective',
] as const;

/**
 * Every user and entity ref that these changes' log rows name, once each.
 * An export's inner loop: it walks the refs without building lists.
 */
export function refsOf(
  changes: readonly ({
    createdBy: string;
    affectedEntityRefs: string[];
    affectedSystemRefs: string[];
  } & { [S in (typeof SIGNED_STEPS)[number]]?: { by: string } })[],
): Set<string> {
  const refs = new Set<string>();
  for (const change of changes) {
    refs.add(change.createdBy);
    for (const ref of change.affectedSystemRefs) refs.add(ref);
    for (const ref of change.affectedEntityRefs) refs.add(ref);
    for (const step of SIGNED_STEPS) {
      const signed = change[step];
      if (signed) refs.add(signed.by);
    }
  }
  return refs;
}
