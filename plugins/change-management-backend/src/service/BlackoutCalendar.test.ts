import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { BLACKOUTS_ANNOTATION } from '@trove/backstage-plugin-change-management-common';
import { sampleEntities } from '../__testUtils__/sampleCatalog';
import { BlackoutCalendar } from './BlackoutCalendar';

const NOW = new Date('2026-06-10T12:00:00.000Z');
const MIGRATION = {
  start: '2026-06-10T00:00:00.000Z',
  end: '2026-06-11T00:00:00.000Z',
  reason: 'Payments database migration',
};
const SYSTEM = 'system:default/payments';

/** The blackouts of a payments component, with this annotation on its System. */
async function blackoutsWith(annotation: string) {
  const entities: Entity[] = sampleEntities.map(e =>
    e.kind === 'System' && e.metadata.name === 'payments'
      ? {
          ...e,
          metadata: {
            ...e.metadata,
            annotations: { [BLACKOUTS_ANNOTATION]: annotation },
          },
        }
      : e,
  );
  const calendar = new BlackoutCalendar([], catalogServiceMock({ entities }));
  return calendar.at(
    NOW,
    ['component:default/payments-service'],
    mockCredentials.service(),
  );
}

/** The window an unreadable annotation holds deploys in, by its problem. */
const unreadable = (problem: RegExp | string) => ({
  entityRef: SYSTEM,
  start: '1970-01-01T00:00:00.000Z',
  end: '9999-12-31T23:59:59.999Z',
  reason: expect.stringMatching(
    new RegExp(
      `^the trove\\.io/change-blackouts annotation of system:default/payments cannot be read \\(.*${
        typeof problem === 'string'
          ? problem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
          : problem.source
      }`,
    ),
  ),
});

describe('BlackoutCalendar', () => {
  it('inherits a System’s annotated blackout, in its window only', async () => {
    expect(await blackoutsWith(JSON.stringify([MIGRATION]))).toEqual([
      { entityRef: SYSTEM, ...MIGRATION },
    ]);
    expect(
      await blackoutsWith(
        JSON.stringify([
          {
            ...MIGRATION,
            start: MIGRATION.end,
            end: '2026-06-12T00:00:00.000Z',
          },
        ]),
      ),
    ).toEqual([]);
  });

  // Each of these dropped the whole annotation before, and deploys went on.
  it.each([
    ['not JSON', '[{"start": "2026-06-10', /it is not JSON/],
    ['an object', JSON.stringify(MIGRATION), /it is not a JSON array/],
  ])('holds deploys while the annotation is %s', async (_, raw, problem) => {
    expect(await blackoutsWith(raw)).toEqual([unreadable(problem)]);
  });

  it.each([
    [
      'a bad entry',
      'not a blackout',
      'entry 2: Expected object, received string',
    ],
    [
      'an extra field',
      { ...MIGRATION, owner: 'dba' },
      "entry 2: unknown field 'owner'",
    ],
    [
      'an inverted range',
      { ...MIGRATION, start: MIGRATION.end, end: MIGRATION.start },
      'entry 2: end: must be after start',
    ],
  ])(
    'keeps a valid active blackout beside %s, and holds deploys for it',
    async (_, bad, problem) => {
      expect(await blackoutsWith(JSON.stringify([MIGRATION, bad]))).toEqual([
        unreadable(problem),
        { entityRef: SYSTEM, ...MIGRATION },
      ]);
    },
  );
});
