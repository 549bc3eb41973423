import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_HAS_MEMBER,
  RELATION_MEMBER_OF,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** Only what the relations need, to keep the catalog's answers small. */
const FIELDS = ['kind', 'metadata.name', 'metadata.namespace', 'relations'];

const kindOf = (ref: string) =>
  parseEntityRef(ref).kind.toLocaleLowerCase('en-US');

/** The targets of one type of relation of some entities, of some kinds. */
function targets(
  entities: (Entity | undefined)[],
  type: string,
  kinds?: string[],
): string[] {
  const refs = entities.flatMap(
    entity =>
      entity?.relations
        ?.filter(r => r.type === type)
        .map(r => r.targetRef)
        .filter(ref => !kinds || kinds.includes(kindOf(ref))) ?? [],
  );
  return [...new Set(refs)];
}

/**
 * The slice of the catalog graph that one notification event needs, read in
 * at most four batched calls, whatever the number of entities: the affected
 * entities (and the author), their dependents, the dependents' Systems, and
 * every group named on the way, for its members. Only direct members count
 * (`hasMember`), as in the notifications backend's own group expansion.
 */
export class CatalogGraph {
  private constructor(
    /** Owners of the affected entities. */
    readonly owners: string[],
    /** The groups the author is a member of. */
    readonly authorGroups: string[],
    /** Owners of the entities that depend on the affected ones, and of their Systems. */
    readonly dependentOwners: string[],
    private readonly members: Map<string, string[]>,
  ) {}

  static async load(
    catalog: Pick<CatalogService, 'getEntitiesByRefs'>,
    credentials: BackstageCredentials,
    options: {
      entityRefs: string[];
      /** A user whose groups are wanted. */
      userRef?: string;
      /** Whether to follow `dependencyOf` to the dependents and their Systems. */
      dependents: boolean;
      /** More user or group refs whose members are wanted. */
      groupRefs: string[];
    },
  ): Promise<CatalogGraph> {
    const fetch = async (refs: string[]) =>
      refs.length === 0
        ? []
        : (
            await catalog.getEntitiesByRefs(
              { entityRefs: refs, fields: FIELDS },
              { credentials },
            )
          ).items;

    const { userRef } = options;
    const first = await fetch([
      ...options.entityRefs,
      ...(userRef ? [userRef] : []),
    ]);
    const affected = first.slice(0, options.entityRefs.length);
    const owners = targets(affected, RELATION_OWNED_BY);
    const authorGroups = userRef
      ? targets(first.slice(-1), RELATION_MEMBER_OF, ['group'])
      : [];

    let dependentOwners: string[] = [];
    if (options.dependents) {
      const dependents = await fetch(targets(affected, RELATION_DEPENDENCY_OF));
      const systems = await fetch(
        targets(dependents, RELATION_PART_OF, ['system']),
      );
      dependentOwners = targets([...dependents, ...systems], RELATION_OWNED_BY);
    }

    const groupRefs = [
      ...new Set([
        ...owners,
        ...authorGroups,
        ...dependentOwners,
        ...options.groupRefs,
      ]),
    ].filter(ref => kindOf(ref) === 'group');
    const groups = await fetch(groupRefs);
    const members = new Map(
      groupRefs.map((ref, i) => [
        ref,
        targets([groups[i]], RELATION_HAS_MEMBER, ['user']),
      ]),
    );
    return new CatalogGraph(owners, authorGroups, dependentOwners, members);
  }

  /**
   * A user's ownership refs as far as this slice knows them: their own ref
   * and the groups read here that have them as a direct member.
   */
  ownershipRefs(userRef: string): string[] {
    const groups = [...this.members]
      .filter(([, members]) => members.includes(userRef))
      .map(([group]) => group);
    return [userRef, ...groups];
  }

  /** The users among refs, with each group replaced by its members. */
  users(refs: string[]): string[] {
    return refs.flatMap(ref => {
      const kind = kindOf(ref);
      if (kind === 'user') {
        return [ref];
      }
      return kind === 'group' ? this.members.get(ref) ?? [] : [];
    });
  }
}

/**
 * The entities one `dependsOn` or `dependencyOf` hop away from these, in
 * one batched call, without the entities themselves: the neighbours whose
 * changes conflict with theirs (issue 21).
 */
export async function dependencyNeighbours(
  catalog: Pick<CatalogService, 'getEntitiesByRefs'>,
  credentials: BackstageCredentials,
  entityRefs: string[],
): Promise<string[]> {
  if (entityRefs.length === 0) {
    return [];
  }
  const { items } = await catalog.getEntitiesByRefs(
    { entityRefs, fields: FIELDS },
    { credentials },
  );
  const own = new Set(entityRefs);
  return [
    ...targets(items, RELATION_DEPENDS_ON),
    ...targets(items, RELATION_DEPENDENCY_OF),
  ].filter((ref, i, all) => !own.has(ref) && all.indexOf(ref) === i);
}
