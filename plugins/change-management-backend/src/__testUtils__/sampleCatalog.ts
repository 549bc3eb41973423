import { Entity } from '@backstage/catalog-model';

type Relation = { type: string; targetRef: string };

const ownedBy = (group: string): Relation => ({
  type: 'ownedBy',
  targetRef: `group:default/${group}`,
});

const partOf = (system: string): Relation => ({
  type: 'partOf',
  targetRef: `system:default/${system}`,
});

/**
 * An entity as the catalog serves it: the relations below are the ones the
 * catalog computes from spec.owner, spec.system and spec.dependsOn, written
 * out because the catalog mock returns entities as given.
 */
const component = (
  name: string,
  system: string,
  relations: Relation[] = [],
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'payments', system },
  relations: [ownedBy('payments'), partOf(system), ...relations],
});

const resource = (
  name: string,
  system: string,
  relations: Relation[] = [],
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name, namespace: 'default' },
  spec: { type: 'database', owner: 'platform', system },
  relations: [ownedBy('platform'), partOf(system), ...relations],
});

const system = (name: string, owner = 'platform'): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name, namespace: 'default' },
  spec: { owner },
  relations: [ownedBy(owner)],
});

/** Group membership as the catalog would resolve it into ownership refs. */
export const sampleGroups: Record<string, string[]> = {
  'user:default/alice': ['group:default/payments'],
  'user:default/bob': ['group:default/payments'],
  'user:default/dana': ['group:default/storefront'],
  'user:default/carol': ['group:default/cto'],
  'user:default/oscar': ['group:default/ops'],
};

const groupsAndUsers: Entity[] = [
  'payments',
  'storefront',
  'cto',
  'ops',
  'platform',
].map(name => {
  const ref = `group:default/${name}`;
  const members = Object.keys(sampleGroups).filter(user =>
    sampleGroups[user].includes(ref),
  );
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [] },
    relations: members.map(targetRef => ({ type: 'hasMember', targetRef })),
  };
});

const users: Entity[] = Object.entries(sampleGroups).map(([ref, groups]) => ({
  apiVersion: 'backstage.io/v1',
  kind: 'User',
  metadata: { name: ref.split('/')[1], namespace: 'default' },
  spec: { memberOf: groups },
  relations: groups.map(targetRef => ({ type: 'memberOf', targetRef })),
}));

const dependencyOf = (name: string): Relation => ({
  type: 'dependencyOf',
  targetRef: `component:default/${name}`,
});

/**
 * A slice of examples/entities.yaml for the backend tests, with its groups
 * and users: storefront-web (storefront) depends on checkout-api, which
 * depends on payments-db.
 */
export const sampleEntities: Entity[] = [
  system('payments'),
  system('storefront', 'storefront'),
  system('platform-infra'),
  component('payments-service', 'payments'),
  component('checkout-api', 'payments', [dependencyOf('storefront-web')]),
  component('storefront-web', 'storefront'),
  resource('payments-db', 'payments', [dependencyOf('checkout-api')]),
  resource('aws-prod-account', 'platform-infra'),
  ...groupsAndUsers,
  ...users,
];
