import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { riskCatalog } from '../__testUtils__/riskCatalog';
import { blastRadius } from './blastRadius';

function countingCatalog() {
  const catalog = catalogServiceMock({ entities: riskCatalog });
  const reads = jest.spyOn(catalog, 'getEntitiesByRefs');
  return { catalog, reads };
}

const radius = (
  entityRefs: string[],
  options: { depth?: number; maxReads?: number } = {},
) => {
  const { catalog, reads } = countingCatalog();
  return blastRadius(catalog, mockCredentials.service(), {
    entityRefs,
    depth: options.depth ?? 3,
    maxReads: options.maxReads ?? 10,
    criticalityAnnotation: 'trove.io/criticality',
  }).then(result => ({ ...result, calls: reads.mock.calls.length }));
};

const names = (entities: { entityRef: string }[]) =>
  entities.map(e => e.entityRef).sort();

describe('blastRadius', () => {
  it('reads no affected entity again that the caller already read', async () => {
    const { catalog, reads } = countingCatalog();
    const ref = 'resource:default/payments-db';
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs: [ref] },
      { credentials: mockCredentials.service() },
    );
    reads.mockClear();
    const options = {
      entityRefs: [ref],
      depth: 3,
      maxReads: 10,
      criticalityAnnotation: 'trove.io/criticality',
    };
    const reused = await blastRadius(catalog, mockCredentials.service(), {
      ...options,
      affectedEntities: items.filter(e => e !== undefined),
    });
    // Hops 1, 2 and 3 only: payments-db itself is not read again.
    expect(reads.mock.calls.length).toBe(3);
    expect(reused.reads).toBe(3);
    reads.mockClear();
    const fresh = await blastRadius(
      catalog,
      mockCredentials.service(),
      options,
    );
    expect(reads.mock.calls.length).toBe(4);
    expect({ ...reused, reads: 0 }).toEqual({ ...fresh, reads: 0 });
  });

  it('reads a leaf once and finds nobody depending on it', async () => {
    const result = await radius(['component:default/leaf']);
    expect(result).toMatchObject({
      affected: [
        {
          entityRef: 'component:default/leaf',
          lifecycle: 'experimental',
          systemRef: 'system:default/tools',
          ownerRef: 'group:default/payments',
        },
      ],
      dependents: [],
      truncated: false,
      reads: 1,
      calls: 1,
    });
  });

  it('walks payments-db to its dependents, one read per hop', async () => {
    const result = await radius(['resource:default/payments-db']);
    expect(result.affected[0]).toMatchObject({ criticality: 'critical' });
    expect(names(result.dependents)).toEqual([
      'component:default/cart',
      'component:default/checkout',
      'component:default/ledger',
      'component:default/mobile-bff',
      'component:default/payments',
      'component:default/refunds',
      'component:default/web',
    ]);
    // payments-db, then hops 1, 2 and 3; mobile-bff has no dependents.
    expect(result).toMatchObject({ truncated: false, reads: 4, calls: 4 });
  });

  it('stops at the configured depth and says so', async () => {
    const result = await radius(['resource:default/payments-db'], {
      depth: 1,
    });
    expect(result.dependents).toHaveLength(4);
    expect(result).toMatchObject({ truncated: true, reads: 2, calls: 2 });
  });

  it('stops at the configured number of reads', async () => {
    const result = await radius(['resource:default/payments-db'], {
      maxReads: 3,
    });
    expect(result.dependents).toHaveLength(6);
    expect(result).toMatchObject({ truncated: true, reads: 3, calls: 3 });
  });

  it('reads each entity of a cycle once', async () => {
    const result = await radius(['component:default/cycle-a']);
    expect(names(result.dependents)).toEqual(['component:default/cycle-b']);
    expect(result).toMatchObject({ truncated: false, reads: 2, calls: 2 });
  });

  it('keeps an entity the catalog does not hold as missing', async () => {
    const result = await radius([
      'component:default/ghost',
      'component:default/leaf',
    ]);
    expect(result.affected).toEqual([
      { entityRef: 'component:default/ghost', missing: true },
      expect.objectContaining({ entityRef: 'component:default/leaf' }),
    ]);
    expect(result.calls).toBe(1);
  });
});
