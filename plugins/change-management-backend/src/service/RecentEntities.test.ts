import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { RecentEntities } from './RecentEntities';

const entity = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name, namespace: 'default' },
});
const known: Record<string, Entity> = {
  'system:default/payments': entity('payments'),
  'system:default/storefront': entity('storefront'),
};

function setUp(ttlMs = 5000) {
  let now = Date.parse('2026-06-01T09:00:00Z');
  const catalog = {
    getEntitiesByRefs: jest.fn(
      async ({ entityRefs }: { entityRefs: string[] }) => ({
        items: entityRefs.map(ref => known[ref]),
      }),
    ),
  };
  const clock = { now: () => new Date(now) };
  const recent = new RecentEntities(catalog, clock, ttlMs);
  const read = (...entityRefs: string[]) =>
    recent.getEntitiesByRefs(
      { entityRefs, fields: ['kind', 'metadata.name'] },
      { credentials: mockCredentials.service() },
    );
  return { catalog, read, advance: (ms: number) => (now += ms) };
}

describe('RecentEntities', () => {
  it('answers in the order asked, unknown refs included, and reads only what it lacks', async () => {
    const { catalog, read } = setUp();
    expect((await read('system:default/payments')).items).toEqual([
      known['system:default/payments'],
    ]);
    const { items } = await read(
      'system:default/nope',
      'system:default/payments',
      'system:default/storefront',
    );
    expect(items).toEqual([
      undefined,
      known['system:default/payments'],
      known['system:default/storefront'],
    ]);
    expect(
      catalog.getEntitiesByRefs.mock.calls.map(c => c[0].entityRefs),
    ).toEqual([
      ['system:default/payments'],
      ['system:default/nope', 'system:default/storefront'],
    ]);
  });

  it('reads the catalog again once the time to live has passed, and always with a ttl of 0', async () => {
    const { catalog, read, advance } = setUp();
    await read('system:default/payments');
    advance(4999);
    await read('system:default/payments');
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(1);
    advance(1);
    await read('system:default/payments');
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(2);

    const uncached = setUp(0);
    await uncached.read('system:default/payments');
    await uncached.read('system:default/payments');
    expect(uncached.catalog.getEntitiesByRefs).toHaveBeenCalledTimes(2);
  });
});
