import {
  EngineerRoles,
  engineerScope,
  isEngineerFor,
} from '@trove/backstage-plugin-change-management-common';
import { RELATION_OWNED_BY } from '@backstage/catalog-model';
import { drafts } from '../__testUtils__/changes';
import { startChangeManagement } from '../__testUtils__/harness';
import { sampleEntities, sampleGroups } from '../__testUtils__/sampleCatalog';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { engineerOfQuery } from '../database/engineerQuery';

jest.setTimeout(120_000);

const AFFECTABLE = ['component', 'resource', 'system'];

/** Every sample entity a change may affect, by ref, with its owners. */
const owners = new Map(
  sampleEntities
    .filter(e => AFFECTABLE.includes(e.kind.toLocaleLowerCase('en-US')))
    .map(e => [
      `${e.kind.toLocaleLowerCase('en-US')}:default/${e.metadata.name}`,
      e
        .relations!.filter(r => r.type === RELATION_OWNED_BY)
        .map(r => r.targetRef),
    ]),
);

/** Each sample user's ownership refs, as userInfo gives them. */
const people = Object.entries(sampleGroups).map(([ref, groups]) => ({
  ref,
  ownershipRefs: [ref, ...groups],
}));

const VARIANTS: Record<string, EngineerRoles> = {
  none: { exclude: [], ownersOnly: false },
  exclude: {
    exclude: ['group:default/ops', 'user:default/bob'],
    ownersOnly: false,
  },
  ownersOnly: { exclude: [], ownersOnly: true },
  'exclude and ownersOnly': {
    exclude: ['group:default/ops'],
    ownersOnly: true,
  },
};

describe('who is an engineer for a change, in memory and in SQL', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it('agree for every sample user and entity, under every config', async () => {
      const h = await startChangeManagement({
        knex: await databases.init(databaseId),
      });
      // One change per entity, and one affecting entities of two owners.
      const affected = [
        ...[...owners.keys()].map(ref => [ref]),
        ['component:default/storefront-web', 'resource:default/payments-db'],
      ];
      const changes: { id: string; refs: string[] }[] = [];
      for (const refs of affected) {
        const res = await h.as('alice').post('/changes', {
          ...drafts.infrastructure,
          affectedEntityRefs: refs,
        });
        expect(res.status).toBe(201);
        changes.push({ id: res.body.id, refs });
      }

      let engineers = 0;
      for (const [variant, roles] of Object.entries(VARIANTS)) {
        for (const person of people) {
          const scope = engineerScope(person.ownershipRefs, roles);
          const inMemory = changes
            .filter(c =>
              isEngineerFor(
                scope,
                c.refs.flatMap(ref => owners.get(ref)!),
              ),
            )
            .map(c => c.id)
            .sort();
          const rows: { id: string }[] = await h
            .knex('changes')
            .select('id')
            .where(q => engineerOfQuery(h.knex, q, scope));
          const inSql = rows.map(r => r.id).sort();
          expect({ variant, user: person.ref, changes: inSql }).toEqual({
            variant,
            user: person.ref,
            changes: inMemory,
          });
          engineers += inMemory.length;
        }
      }
      // Neither everybody nor nobody, so the comparison says something.
      const all = Object.keys(VARIANTS).length * people.length * changes.length;
      expect(engineers).toBeGreaterThan(0);
      expect(engineers).toBeLessThan(all);
    });
  });
});
