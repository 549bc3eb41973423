import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { Clock } from './Clock';
import { ExpiringMap } from './ExpiringMap';

type EntitiesByRefs = Pick<CatalogService, 'getEntitiesByRefs'>;

/**
 * The catalog's answers by ref, reused for `ttlMs`, for reads made with the
 * plugin's own credentials (the blackouts apply whoever asks). A change's
 * page and its gate ask about the same few Systems again and again; the
 * catalog itself takes minutes to process an edited annotation, so a few
 * seconds more do not change what a deploy is judged on. Only the refs
 * missing from the cache are read, in one batched call.
 */
export class RecentEntities implements EntitiesByRefs {
  private readonly entities: ExpiringMap<Entity | undefined>;

  constructor(
    private readonly catalog: EntitiesByRefs,
    private readonly clock: Clock,
    private readonly ttlMs: number,
  ) {
    this.entities = new ExpiringMap(ttlMs);
  }

  async getEntitiesByRefs(
    ...[request, options]: Parameters<CatalogService['getEntitiesByRefs']>
  ): ReturnType<CatalogService['getEntitiesByRefs']> {
    if (this.ttlMs <= 0)
      return this.catalog.getEntitiesByRefs(request, options);
    const now = this.clock.now().getTime();
    const fields = (request.fields ?? []).join(',');
    const keyOf = (ref: string) => `${fields} ${ref}`;
    const found = new Map<string, Entity | undefined>();
    const missing: string[] = [];
    for (const ref of request.entityRefs) {
      if (this.entities.has(keyOf(ref), now)) {
        found.set(ref, this.entities.get(keyOf(ref), now));
      } else missing.push(ref);
    }
    if (missing.length) {
      const { items } = await this.catalog.getEntitiesByRefs(
        { ...request, entityRefs: missing },
        options,
      );
      missing.forEach((ref, i) => {
        found.set(ref, items[i]);
        this.entities.set(keyOf(ref), items[i], now);
      });
    }
    return { items: request.entityRefs.map(ref => found.get(ref)) };
  }
}
