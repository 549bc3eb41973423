import { waitsOnActor } from '@trove/backstage-plugin-change-management-common';
import { changeIn } from '../__testUtils__/changeIn';
import { drafts } from '../__testUtils__/changes';
import {
  Harness,
  startChangeManagement,
  UserName,
  users,
} from '../__testUtils__/harness';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

/** Any infrastructure change is high risk; a standard one is not. */
const INFRASTRUCTURE_IS_HIGH = { weights: { infrastructure: 100 } };
const HOURS = {
  timeZone: 'UTC',
  days: [1, 2, 3, 4, 5],
  start: '09:00',
  end: '17:00',
};

/** Posts an action at the current version, answering the response. */
async function tryAct(h: Harness, user: UserName, id: string, action: string) {
  const current = await h.as(user).get(`/changes/${id}`);
  return h.as(user).post(`/changes/${id}/actions`, {
    action,
    version: current.body.version,
    ...(action === 'deploy' && { deploymentRef: 'run-1' }),
  });
}

/** What a refusal must leave: the row and the chain as they were. */
async function unchanged(h: Harness, id: string, version: number) {
  expect((await h.as('alice').get(`/changes/${id}`)).body.version).toBe(
    version,
  );
}

describe('risk-based policies (issue 24)', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    const start = async (
      highRisk: Record<string, boolean>,
      extra: Record<string, unknown> = {},
    ) =>
      startChangeManagement({
        knex: await databases.init(databaseId),
        changeManagement: {
          risk: { ...INFRASTRUCTURE_IS_HIGH, policies: { highRisk } },
          ...extra,
        },
      });

    it('twoPeerReviews: two different engineers, neither the author, then the CTO', async () => {
      const h = await start(
        { twoPeerReviews: true },
        { roles: { cto: ['group:default/cto', 'user:default/dana'] } },
      );
      const raised = await h
        .as('alice')
        .post('/changes', drafts.infrastructure);
      const submitted = await h.act('alice', raised.body.id, 'submit');
      expect(submitted.risk.level).toBe('high');
      const { id } = submitted;

      // The page is told which policies bind, to say what is missing.
      const page = await h.as('bob').get(`/changes/${id}`);
      expect(page.body.riskPolicies).toEqual(['twoPeerReviews']);

      const byAuthor = await tryAct(h, 'alice', id, 'review');
      expect(byAuthor.status).toBe(403);
      expect(byAuthor.body.error.name).toBe('NotAllowedError');

      // dana holds the CTO role: her review leaves carol to approve.
      const first = await h.act('dana', id, 'review');
      expect(first).toMatchObject({
        state: 'in_review',
        reviewed: { by: users.dana },
      });
      expect(first.secondReviewed).toBeUndefined();

      const twice = await tryAct(h, 'dana', id, 'review');
      expect(twice.status).toBe(409);
      expect(twice.body.error).toMatchObject({
        name: 'RiskPolicyError',
        policy: 'twoPeerReviews',
        riskLevel: 'high',
      });
      await unchanged(h, id, first.version);

      // The queues, from SQL, agree with the judge: dana gave the first
      // review; carol holds the CTO role, and her review would leave nobody
      // to approve (dana reviewed, alice raised it).
      for (const user of ['alice', 'bob', 'carol', 'dana', 'oscar'] as const) {
        const holders = ['carol', 'dana'];
        const isCto = holders.includes(user);
        const actor = {
          userEntityRef: users[user],
          isCto,
          otherCtos: isCto
            ? holders.filter(u => u !== user).map(u => users[u as UserName])
            : undefined,
          engineerOf: 'any' as const,
        };
        const queue = await h.as(user).get('/changes?needsActionBy=me');
        expect({
          user,
          waits: queue.body.items.some((c: any) => c.id === id),
        }).toEqual({
          user,
          waits: waitsOnActor(first, actor, { allowSelfApproval: false }),
        });
      }
      const waits = async (user: UserName) =>
        (await h.as(user).get('/changes?needsActionBy=me')).body.items.some(
          (c: any) => c.id === id,
        );
      expect(await waits('bob')).toBe(true);
      expect(await waits('carol')).toBe(false);
      expect(await waits('dana')).toBe(false);

      const second = await h.act('oscar', id, 'review');
      expect(second).toMatchObject({
        state: 'awaiting_approval',
        reviewed: { by: users.dana },
        secondReviewed: { by: users.oscar },
      });
      const approved = await h.act('carol', id, 'approve');
      expect(approved.state).toBe('approved');

      const events = await h.as('alice').get(`/changes/${id}/events`);
      const reviews = events.body.items.filter(
        (e: any) => e.action === 'review',
      );
      expect(reviews.map((e: any) => [e.toState, e.fields])).toEqual([
        ['in_review', expect.objectContaining({ peerReviewsRequired: 2 })],
        [
          'awaiting_approval',
          expect.not.objectContaining({ peerReviewsRequired: 2 }),
        ],
      ]);
      // The replay proves the row from the events, the second review too.
      expect((await h.as('oscar').get('/audit/verify')).body).toMatchObject({
        ok: true,
      });
      await h
        .knex('changes')
        .where({ id })
        .update({ second_reviewed_by: users.dana });
      expect((await h.as('oscar').get('/audit/verify')).body).toMatchObject({
        ok: false,
        badChangeId: id,
        problem: expect.stringMatching(/differs .* in: secondReviewed$/),
      });
    });

    it('twoPeerReviews binds no change that is not high risk', async () => {
      const h = await start({ twoPeerReviews: true });
      const reviewed = await changeIn(h, 'standard', 'awaiting_approval');
      expect(reviewed.risk.level).not.toBe('high');
      const page = await h.as('alice').get(`/changes/${reviewed.id}`);
      expect(page.body.riskPolicies).toEqual([]);
    });

    it('requirePlannedWindow: no submit without a window, then submitted with one', async () => {
      const h = await start({ requirePlannedWindow: true });
      const raised = await h
        .as('alice')
        .post('/changes', drafts.infrastructure);
      const { id, version } = raised.body;
      const refused = await tryAct(h, 'alice', id, 'submit');
      expect(refused.status).toBe(409);
      expect(refused.body.error).toMatchObject({
        name: 'RiskPolicyError',
        policy: 'requirePlannedWindow',
        riskLevel: 'high',
        message: expect.stringContaining('needs a planned window'),
      });
      await unchanged(h, id, version);
      expect(await h.count('change_events')).toBe(1);
      const page = await h.as('alice').get(`/changes/${id}`);
      expect(page.body.riskPolicies).toEqual(['requirePlannedWindow']);

      const { type: _type, ...draft } = drafts.infrastructure;
      await h.act('alice', id, 'edit', {
        ...draft,
        plannedStart: '2026-06-11T10:00:00.000Z',
        plannedEnd: '2026-06-11T11:00:00.000Z',
      });
      expect((await h.act('alice', id, 'submit')).state).toBe('in_review');
    });

    it('noDeployOutsideWorkingHours: held in the evening by the action, the gate and the page, then deployed', async () => {
      const h = await start(
        { noDeployOutsideWorkingHours: true },
        { workingHours: HOURS },
      );
      const ready = await changeIn(
        h,
        'standard',
        'ready_for_production',
        drafts.infrastructure,
      );
      expect(ready.risk.level).toBe('high');
      // Wednesday 10 June 2026, 20:00 UTC.
      h.clock.set('2026-06-10T20:00:00.000Z');
      const refused = await tryAct(h, 'alice', ready.id, 'deploy');
      expect(refused.status).toBe(409);
      expect(refused.body.error).toMatchObject({
        name: 'RiskPolicyError',
        policy: 'noDeployOutsideWorkingHours',
      });
      await unchanged(h, ready.id, ready.version);
      const page = await h.as('alice').get(`/changes/${ready.id}`);
      expect(page.body.deployVerdict).toMatchObject({
        allowed: false,
        heldByPolicy: 'noDeployOutsideWorkingHours',
      });
      const gate = await h.as('alice').get(`/gate?changeId=${ready.id}`);
      expect(gate.body).toMatchObject({
        allowed: false,
        reasons: page.body.deployVerdict.reasons,
      });

      // Thursday 10:00 UTC.
      h.clock.set('2026-06-11T10:00:00.000Z');
      expect(
        (await h.as('alice').get(`/gate?changeId=${ready.id}`)).body.allowed,
      ).toBe(true);
      expect((await h.act('alice', ready.id, 'deploy')).state).toBe('deployed');
    });

    it('noDeployOutsideWorkingHours exempts an emergency', async () => {
      const h = await start(
        { noDeployOutsideWorkingHours: true },
        { workingHours: HOURS },
      );
      h.clock.set('2026-06-10T20:00:00.000Z');
      const deployed = await changeIn(h, 'emergency', 'deployed');
      expect(deployed.state).toBe('deployed');
    });
  });
});
