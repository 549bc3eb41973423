import { Entity } from '@backstage/catalog-model';
import { ConflictList } from '@trove/backstage-plugin-change-management-common';
import { drafts } from './changes';
import { Harness } from './harness';
import { sampleEntities } from './sampleCatalog';

// The change landscape's fixtures (issue 21): a catalog with dependencies
// both ways and a blackout, and planned drafts.

export const SERVICE = 'component:default/payments-service';
export const CHECKOUT = 'component:default/checkout-api';
export const STOREFRONT = 'component:default/storefront-web';

/**
 * The sample catalog with both sides of each dependency, as the catalog
 * computes them (storefront-web dependsOn checkout-api, which dependsOn
 * payments-db), and a blackout annotated on the payments System.
 */
export const entities: Entity[] = sampleEntities.map(entity => {
  const ref = `${entity.kind.toLowerCase()}:default/${entity.metadata.name}`;
  const dependsOn = {
    [STOREFRONT]: CHECKOUT,
    [CHECKOUT]: 'resource:default/payments-db',
  }[ref];
  const annotations =
    ref === 'system:default/payments'
      ? {
          'trove.io/change-blackouts': JSON.stringify([
            {
              start: '2026-06-20T00:00:00Z',
              end: '2026-06-21T00:00:00Z',
              reason: 'Ledger migration',
            },
          ]),
        }
      : undefined;
  return {
    ...entity,
    metadata: { ...entity.metadata, ...(annotations && { annotations }) },
    relations: [
      ...(entity.relations ?? []),
      ...(dependsOn ? [{ type: 'dependsOn', targetRef: dependsOn }] : []),
    ],
  };
});

/** 2026-06-11 at an hour (UTC), outside the freeze. */
export const june11 = (hour: number, minute = 0) =>
  new Date(Date.UTC(2026, 5, 11, hour, minute)).toISOString();

export const planned = (entityRef: string, from: string, to: string) => ({
  ...drafts.standard,
  affectedEntityRefs: [entityRef],
  plannedStart: from,
  plannedEnd: to,
});

export async function raise(h: Harness, draft: Record<string, unknown>) {
  const res = await h.as('alice').post('/changes', draft);
  expect(res.status).toBe(201);
  return res.body;
}

export async function conflicts(
  h: Harness,
  entityRef: string,
  from: string,
  to: string,
  type = 'standard',
): Promise<ConflictList> {
  const query = new URLSearchParams({
    entityRef,
    plannedStart: from,
    plannedEnd: to,
    type,
  });
  const res = await h.as('alice').get(`/conflicts?${query}`);
  if (res.status !== 200) throw new Error(JSON.stringify(res.body.error));
  return res.body;
}

export const reasons = (list: ConflictList) =>
  list.conflicts
    .map(c => [c.title, c.reason])
    .sort(([a], [b]) => (a < b ? -1 : 1));
