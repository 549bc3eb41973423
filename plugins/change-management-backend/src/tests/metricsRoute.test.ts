import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  changeReadPermission,
  DEFAULT_SCORE_WEIGHTS,
  deliveryMetrics,
  incidentCauses,
  MetricsChange,
} from '@trove/backstage-plugin-change-management-common';
import request from 'supertest';
import { actionFields } from '../__testUtils__/changes';
import { changeIn } from '../__testUtils__/changeIn';
import {
  Harness,
  OPEN_TIME,
  startChangeManagement,
} from '../__testUtils__/harness';
import { rounded } from '../__testUtils__/metricsFixtures';
import { policyPermissions } from '../__testUtils__/policyPermissions';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

/** Dana may read no change; everyone else may do anything. */
const danaReadsNothing = policyPermissions({
  async handle(query: PolicyQuery, user?: PolicyQueryUser) {
    const denied =
      query.permission.name === changeReadPermission.name &&
      user?.info.userEntityRef === 'user:default/dana';
    return { result: denied ? AuthorizeResult.DENY : AuthorizeResult.ALLOW };
  },
});

const SERVICE = 'component:default/payments-service';
const SYSTEM = 'system:default/payments';
const T0 = Date.parse(OPEN_TIME);
const HOUR = 3_600_000;
const WEEK = 'from=2026-06-08&to=2026-06-15';

/** Moves the clock to `hours` after T0. */
const at = (h: Harness, hours: number) => {
  h.clock.time = new Date(T0 + hours * HOUR);
};

/** A standard change submitted at `submit` and deployed at `deploy` (hours). */
async function standard(h: Harness, submit: number, deploy: number) {
  at(h, submit);
  const { id } = await changeIn(h, 'standard', 'in_review');
  at(h, deploy);
  for (const [user, action] of [
    ['bob', 'review'],
    ['carol', 'approve'],
    ['alice', 'record-staging'],
    ['carol', 'sign-off'],
    ['alice', 'deploy'],
  ] as const) {
    await h.act(user, id, action, actionFields[action]);
  }
  return id as string;
}

describe('GET /metrics', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it("answers a System's figures as the workflow left them, as the judges compute them", async () => {
      const h = await startChangeManagement({
        knex: await databases.init(databaseId),
        extraFeatures: [danaReadsNothing],
      });
      const c1 = await standard(h, 0, 10);
      await h.act('alice', c1, 'verify', actionFields.verify);
      at(h, 11);
      const e1 = await changeIn(h, 'emergency', 'approved', { causedBy: c1 });
      at(h, 12);
      await h.act('alice', e1.id, 'deploy', actionFields.deploy);
      await h.act('alice', e1.id, 'verify', actionFields.verify);
      const c2 = await standard(h, 12, 14);
      await h.act('alice', c2, 'roll-back', actionFields['roll-back']);
      const c3 = await standard(h, 14, 20);
      await h.act('alice', c3, 'verify', {
        postDeploymentVerified: 'yes',
        issuesEncountered: 'Refunds slow for ten minutes',
      });
      // e1's retrospective fell due at 60 h, undocumented.
      at(h, 70);

      const res = await h
        .as('oscar')
        .get(`/metrics?entityRef=${SYSTEM}&${WEEK}`);
      expect(res.status).toBe(200);
      expect(rounded(res.body)).toEqual({
        entityRef: SYSTEM,
        from: '2026-06-08T00:00:00.000Z',
        to: '2026-06-15T00:00:00.000Z',
        deployments: {
          total: 4,
          byType: { standard: 3, emergency: 1, infrastructure: 0 },
          perWeek: [
            {
              weekStart: '2026-06-08',
              standard: 3,
              emergency: 1,
              infrastructure: 0,
            },
          ],
        },
        // 1, 2, 6, 10 hours
        leadTimeHours: { count: 4, median: 4, p90: 8.8 },
        // c1 named by e1, c2 rolled back
        changeFailureRate: { deployed: 4, failed: 2, rate: 0.5 },
        // c1 → e1 2 h, c2 → c3 6 h
        recoveryHours: { count: 2, median: 4 },
        emergencies: {
          count: 1,
          share: 0.25,
          retrospectives: { due: 1, onTime: 0 },
        },
        // c1 3 − 10, e1 3, c2 −5, c3 −2
        score: {
          total: -11,
          perWeek: [{ weekStart: '2026-06-08', score: -11 }],
        },
      });

      // The judges, over the changes and trails the API serves, agree.
      const changes: MetricsChange[] = await Promise.all(
        [c1, e1.id, c2, c3].map(async id => {
          const change = (await h.as('oscar').get(`/changes/${id}`)).body;
          const events = (await h.as('oscar').get(`/changes/${id}/events`)).body
            .items;
          const submit = events.find((e: any) => e.action === 'submit');
          return { ...change, submittedAt: submit?.at };
        }),
      );
      expect(
        rounded(
          deliveryMetrics({
            changes,
            causes: incidentCauses(changes as any),
            entityRef: SYSTEM,
            from: new Date('2026-06-08'),
            to: new Date('2026-06-15'),
            now: h.clock.now(),
            weights: DEFAULT_SCORE_WEIGHTS,
          }),
        ),
      ).toEqual(rounded(res.body));

      // The component alone is the same here; a service reads it too.
      const path = `/metrics?entityRef=${SERVICE}&${WEEK}`;
      const asService = await request(h.server)
        .get(`/api/change-management${path}`)
        .set('Authorization', mockCredentials.service.header());
      expect(asService.status).toBe(200);
      expect(asService.body).toEqual({ ...res.body, entityRef: SERVICE });
    });

    it('refuses a reader the policy denies, and a bad period', async () => {
      const h = await startChangeManagement({
        knex: await databases.init(databaseId),
        extraFeatures: [danaReadsNothing],
      });
      const denied = await h
        .as('dana')
        .get(`/metrics?entityRef=${SYSTEM}&${WEEK}`);
      expect(denied.status).toBe(403);
      expect(denied.body.error.name).toBe('NotAllowedError');

      for (const [query, path, message] of [
        [
          `entityRef=${SYSTEM}&from=2026-01-01&to=2027-02-06`,
          'to',
          /at most 400 days/,
        ],
        [
          `entityRef=${SYSTEM}&from=2026-06-08&to=2026-06-08`,
          'to',
          /after from/,
        ],
        [`entityRef=${SYSTEM}&from=2026-06-08`, 'to', /to is required/],
        [WEEK, 'entityRef', /entityRef/],
      ] as const) {
        const bad = await h.as('oscar').get(`/metrics?${query}`);
        expect({ query, status: bad.status }).toEqual({ query, status: 400 });
        expect(bad.body.error).toMatchObject({
          name: 'InputError',
          issues: [{ path, message: expect.stringMatching(message) }],
        });
      }
      // 400 days exactly is allowed.
      const longest = await h
        .as('oscar')
        .get(`/metrics?entityRef=${SYSTEM}&from=2026-01-01&to=2027-02-05`);
      expect(longest.status).toBe(200);
      expect(longest.body.deployments.perWeek).toHaveLength(58);
    });
  });
});
