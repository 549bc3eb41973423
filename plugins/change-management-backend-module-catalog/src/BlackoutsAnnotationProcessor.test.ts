import { startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  CatalogProcessor,
  CatalogProcessorResult,
  catalogProcessingExtensionPoint,
} from '@backstage/plugin-catalog-node';
import { BlackoutsAnnotationProcessor } from './BlackoutsAnnotationProcessor';
import { catalogModuleChangeManagementBlackouts } from './module';

const location = {
  type: 'url',
  target: 'https://example.com/catalog-info.yaml',
};
const MIGRATION = {
  start: '2026-06-10T00:00:00Z',
  end: '2026-06-11T00:00:00Z',
  reason: 'Payments database migration',
};

const system = (annotation?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name: 'payments',
    annotations:
      annotation === undefined
        ? {}
        : { 'trove.io/change-blackouts': annotation },
  },
  spec: { owner: 'payments' },
});

/** What the processor emits for an entity, and whether it passes it on unchanged. */
async function process(entity: Entity) {
  const emitted: CatalogProcessorResult[] = [];
  const out = await new BlackoutsAnnotationProcessor().postProcessEntity(
    entity,
    location,
    result => emitted.push(result),
  );
  expect(out).toBe(entity);
  return emitted;
}

describe('BlackoutsAnnotationProcessor', () => {
  it('passes an entity without the annotation, or with a good one', async () => {
    expect(await process(system())).toEqual([]);
    expect(await process(system(JSON.stringify([MIGRATION])))).toEqual([]);
  });

  it.each([
    ['not JSON', '[{"start": 2026-06-10}]', /cannot be read \(it is not JSON/],
    ['an object', JSON.stringify(MIGRATION), /it is not a JSON array/],
    [
      'a bad entry beside a good one',
      JSON.stringify([MIGRATION, { ...MIGRATION, end: MIGRATION.start }]),
      /\(entry 2: end: must be after start\)/,
    ],
    [
      'an extra field',
      JSON.stringify([{ ...MIGRATION, owner: 'dba' }]),
      /\(entry 1: unknown field 'owner'\)/,
    ],
  ])(
    'reports an annotation that is %s as an error on the entity',
    async (_, annotation, problem) => {
      const [result, ...more] = await process(system(annotation));
      expect(more).toEqual([]);
      expect(result).toMatchObject({ type: 'error', location });
      const { message, name } = (result as { error: Error }).error;
      expect(name).toBe('InputError');
      expect(message).toMatch(
        /^The trove\.io\/change-blackouts annotation of system:default\/payments cannot be read/,
      );
      expect(message).toMatch(problem);
    },
  );

  it('is added to the catalog by the module', async () => {
    const processors: CatalogProcessor[] = [];
    await startTestBackend({
      extensionPoints: [
        [
          catalogProcessingExtensionPoint,
          {
            addProcessor: (...added) => {
              processors.push(...added.flat());
            },
          },
        ],
      ],
      features: [catalogModuleChangeManagementBlackouts],
    });
    expect(processors.map(p => p.getProcessorName())).toEqual([
      'ChangeManagementBlackoutsAnnotationProcessor',
    ]);
  });
});
