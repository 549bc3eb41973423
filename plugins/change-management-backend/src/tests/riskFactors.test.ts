import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  ChangeRiskFactor,
  changeRiskFactorsExtensionPoint,
} from '@trove/backstage-plugin-change-management-node';
import { drafts } from '../__testUtils__/changes';
import { startChangeManagement } from '../__testUtils__/harness';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

/** A module that adds factors, as a company's own would. */
const moduleAdding = (...factors: ChangeRiskFactor[]) =>
  createBackendModule({
    pluginId: 'change-management',
    moduleId: 'test-risk-factors',
    register(reg) {
      reg.registerInit({
        deps: { risk: changeRiskFactorsExtensionPoint },
        async init({ risk }) {
          risk.addRiskFactor(...factors);
        },
      });
    },
  });

describe('changeRiskFactorsExtensionPoint', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it("adds a module's factor to the assessment; one that throws is left out", async () => {
      const seen: string[][] = [];
      const h = await startChangeManagement({
        knex: await databases.init(databaseId),
        extraFeatures: [
          moduleAdding(
            {
              id: 'pr-size',
              async assess(change, ctx) {
                seen.push(ctx.affected.map(e => e.entityRef));
                return change.pullRequestUrl
                  ? {
                      points: 12,
                      message: 'The pull request changes 2,400 lines',
                    }
                  : undefined;
              },
            },
            {
              id: 'pager',
              async assess() {
                throw new Error('PagerDuty is down');
              },
            },
          ),
        ],
      });
      const raised = await h.as('alice').post('/changes', drafts.standard);
      expect(raised.status).toBe(201);
      expect(seen).toEqual([drafts.standard.affectedEntityRefs]);
      expect(raised.body.risk.reasons).toContainEqual({
        factor: 'pr-size',
        points: 12,
        message: 'The pull request changes 2,400 lines',
      });
      expect(
        raised.body.risk.reasons.map((r: { factor: string }) => r.factor),
      ).not.toContain('pager');

      const { pullRequestUrl: _, ...withoutPr } = drafts.standard;
      const edited = await h.act('alice', raised.body.id, 'edit', withoutPr);
      expect(
        edited.risk.reasons.map((r: { factor: string }) => r.factor),
      ).not.toContain('pr-size');
      expect(edited.risk.score).toBe(raised.body.risk.score - 12);
    });
  });
});
