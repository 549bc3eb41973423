import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  Blackout,
  BLACKOUTS_ANNOTATION,
  parseBlackoutsAnnotation,
  unreadableAnnotation,
} from '@trove/backstage-plugin-change-management-common';

const FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.annotations',
  'spec.system',
  'spec.domain',
];

/** The ref of a relation in spec (`system`, `domain`), if there is one. */
function specRef(entity: Entity, key: 'system' | 'domain') {
  const value = entity.spec?.[key];
  return typeof value === 'string' && value
    ? stringifyEntityRef(
        parseEntityRef(value, {
          defaultKind: key,
          defaultNamespace: entity.metadata.namespace,
        }),
      )
    : undefined;
}

/**
 * Blackouts scoped by the catalog: those declared in config and in the
 * annotation of a System or Domain, inherited by its parts through
 * `spec.system` and `spec.domain`.
 */
export class BlackoutCalendar {
  constructor(
    private readonly configured: Blackout[],
    private readonly catalog: Pick<CatalogService, 'getEntitiesByRefs'>,
  ) {}

  /**
   * The blackouts that apply to these entities at a time: their own, their
   * Systems' and their Domains', read from the catalog in at most three
   * batched calls.
   */
  async at(
    time: Date,
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<Blackout[]> {
    return (await this.declaredFor(entityRefs, credentials)).filter(
      b =>
        Date.parse(b.start) <= time.getTime() &&
        time.getTime() < Date.parse(b.end),
    );
  }

  /**
   * The blackouts that apply to these entities and overlap [from, to),
   * half-open; with no entities, those declared in config (issue 21's
   * calendar and conflicts).
   */
  async during(
    from: Date,
    to: Date,
    entityRefs: string[] | undefined,
    credentials: BackstageCredentials,
  ): Promise<Blackout[]> {
    const declared = entityRefs
      ? await this.declaredFor(entityRefs, credentials)
      : this.configured;
    return declared.filter(
      b =>
        Date.parse(b.start) < to.getTime() &&
        from.getTime() < Date.parse(b.end),
    );
  }

  /**
   * Issue 24: the refs of these entities, their Systems and their Domains,
   * the scopes a lockdown may cover them by (lockdownCovers).
   */
  async scopesOf(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<string[]> {
    if (entityRefs.length === 0) {
      return [];
    }
    const entities = await this.withAncestors(entityRefs, credentials);
    return [
      ...new Set([...entityRefs, ...entities.map(e => stringifyEntityRef(e))]),
    ];
  }

  /** Every blackout declared for these entities, their Systems and Domains. */
  private async declaredFor(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<Blackout[]> {
    if (entityRefs.length === 0) {
      return [];
    }
    const entities = await this.withAncestors(entityRefs, credentials);
    const declared = [
      ...this.configured,
      ...entities.flatMap(entity => this.annotated(entity)),
    ];
    const refs = new Set(entities.map(e => stringifyEntityRef(e)));
    entityRefs.forEach(ref => refs.add(ref));
    return declared.filter(b => refs.has(b.entityRef));
  }

  /** The entities, then their Systems, then their Domains. */
  private async withAncestors(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<Entity[]> {
    const found: Entity[] = [];
    let next = [...new Set(refs)];
    for (let depth = 0; depth < 3 && next.length; depth++) {
      const { items } = await this.catalog.getEntitiesByRefs(
        { entityRefs: next, fields: FIELDS },
        { credentials },
      );
      const entities = items.filter((e): e is Entity => !!e);
      found.push(...entities);
      const known = new Set(found.map(e => stringifyEntityRef(e)));
      next = [
        ...new Set(
          entities.flatMap(e =>
            [specRef(e, 'system'), specRef(e, 'domain')].filter(
              (r): r is string => !!r && !known.has(r),
            ),
          ),
        ),
      ];
    }
    return found;
  }

  /**
   * The blackouts an entity's annotation declares. It fails closed: the
   * good entries hold, and an annotation that cannot be read, wholly or in
   * part, is a blackout of its own until it is fixed (the catalog module
   * shows the owner the same problems on the entity).
   */
  private annotated(entity: Entity): Blackout[] {
    const raw = entity.metadata.annotations?.[BLACKOUTS_ANNOTATION];
    if (raw === undefined) {
      return [];
    }
    const entityRef = stringifyEntityRef(entity);
    const { blackouts, problems } = parseBlackoutsAnnotation(raw);
    // The unreadable annotation first: it outlasts the good entries, so it
    // is the window a refusal names.
    return [
      ...(problems.length ? [unreadableAnnotation(entityRef, problems)] : []),
      ...blackouts.map(b => ({ ...b, entityRef })),
    ];
  }
}
