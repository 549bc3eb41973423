import { Entity } from '@backstage/catalog-model';

/**
 * Catalog fixtures for the risk (issue 24): payments-db with the services
 * that depend on it, directly and through one another, across three
 * Systems and two teams; a leaf; a cycle. The relations are written out in
 * both directions, as the catalog computes them from spec.dependsOn.
 */
function entity(
  kind: 'Component' | 'Resource',
  name: string,
  options: {
    system: string;
    owner: string;
    lifecycle?: string;
    criticality?: string;
    dependsOn?: string[];
    dependencyOf?: string[];
  },
): Entity {
  const ref = (n: string) => (n.includes(':') ? n : `component:default/${n}`);
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: {
      name,
      namespace: 'default',
      ...(options.criticality && {
        annotations: { 'trove.io/criticality': options.criticality },
      }),
    },
    spec: {
      type: 'service',
      owner: options.owner,
      lifecycle: options.lifecycle,
    },
    relations: [
      { type: 'ownedBy', targetRef: `group:default/${options.owner}` },
      { type: 'partOf', targetRef: `system:default/${options.system}` },
      ...(options.dependsOn ?? []).map(n => ({
        type: 'dependsOn',
        targetRef: ref(n),
      })),
      ...(options.dependencyOf ?? []).map(n => ({
        type: 'dependencyOf',
        targetRef: ref(n),
      })),
    ],
  };
}

const svc = (
  name: string,
  system: string,
  owner: string,
  dependsOn: string[],
  dependencyOf: string[] = [],
) =>
  entity('Component', name, {
    system,
    owner,
    lifecycle: 'production',
    dependsOn,
    dependencyOf,
  });

/** Hop 1: four services; hop 2: two more behind checkout; hop 3: one. */
export const riskCatalog: Entity[] = [
  entity('Resource', 'payments-db', {
    system: 'payments',
    owner: 'platform',
    lifecycle: 'production',
    criticality: 'critical',
    dependencyOf: ['payments', 'refunds', 'checkout', 'ledger'],
  }),
  svc('payments', 'payments', 'payments', ['resource:default/payments-db']),
  svc('refunds', 'payments', 'payments', ['resource:default/payments-db']),
  svc('ledger', 'finance', 'payments', ['resource:default/payments-db']),
  svc(
    'checkout',
    'storefront',
    'storefront',
    ['resource:default/payments-db'],
    ['cart', 'web'],
  ),
  svc('cart', 'storefront', 'storefront', ['checkout']),
  svc('web', 'storefront', 'storefront', ['checkout'], ['mobile-bff']),
  svc('mobile-bff', 'storefront', 'storefront', ['web']),
  // A leaf: nothing depends on it.
  entity('Component', 'leaf', {
    system: 'tools',
    owner: 'payments',
    lifecycle: 'experimental',
  }),
  // A cycle: a depends on b, b on a.
  svc('cycle-a', 'tools', 'payments', ['cycle-b'], ['cycle-b']),
  svc('cycle-b', 'tools', 'payments', ['cycle-a'], ['cycle-a']),
  // Depends on an entity the catalog does not hold.
  svc('orphan-user', 'tools', 'payments', ['ghost']),
];
