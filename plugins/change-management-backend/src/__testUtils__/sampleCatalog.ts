import { Entity } from '@backstage/catalog-model';

const component = (name: string, system: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'payments', system },
});

const resource = (name: string, system: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name, namespace: 'default' },
  spec: { type: 'database', owner: 'platform', system },
});

const system = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name, namespace: 'default' },
  spec: { owner: 'platform' },
});

/** A slice of examples/entities.yaml for the backend tests. */
export const sampleEntities: Entity[] = [
  system('payments'),
  system('storefront'),
  system('platform-infra'),
  component('payments-service', 'payments'),
  component('checkout-api', 'payments'),
  component('storefront-web', 'storefront'),
  resource('payments-db', 'payments'),
  resource('aws-prod-account', 'platform-infra'),
];

/** Group membership as the catalog would resolve it into ownership refs. */
export const sampleGroups: Record<string, string[]> = {
  'user:default/alice': ['group:default/payments'],
  'user:default/bob': ['group:default/payments'],
  'user:default/dana': ['group:default/storefront'],
  'user:default/carol': ['group:default/cto'],
  'user:default/oscar': ['group:default/ops'],
};
