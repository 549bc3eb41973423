import { parseActionRequest } from '../actionSchemas';
import { Change, ChangeState } from '../types';
import { applyAction, WorkflowContext } from './applyAction';
import { ChangeRisk } from './changeRisk';
import { deployVerdict } from './deployVerdict';
import { describeNextStep } from './nextStep';
import { NO_RISK_POLICIES, RiskPolicies, RiskPolicyName } from './riskPolicies';
import { waitsOnActor } from './waitsOn';
import { WorkingHours } from './windowWarnings';

const alice = 'user:default/alice';
const bob = 'user:default/bob';
const dana = 'user:default/dana';
const carol = 'user:default/carol';
// Wednesday 10 June 2026: 09:00 UTC is within working hours, 20:00 is not.
const WORKING = new Date('2026-06-10T09:00:00.000Z');
const EVENING = new Date('2026-06-10T20:00:00.000Z');
const HOURS: WorkingHours = {
  timeZone: 'UTC',
  days: [1, 2, 3, 4, 5],
  start: '09:00',
  end: '17:00',
};

const risk = (level: ChangeRisk['level']): ChangeRisk => ({
  level,
  score: 30,
  reasons: [],
  assessedAt: '2026-06-01T09:00:00.000Z',
});

const on = (policy: RiskPolicyName): RiskPolicies => ({
  highRisk: { ...NO_RISK_POLICIES.highRisk, [policy]: true },
});

function change(state: ChangeState, overrides: Partial<Change> = {}): Change {
  return {
    id: 'c1',
    type: 'infrastructure',
    state,
    version: 1,
    title: 'Resize payments-db',
    description: 'what and why',
    risks: 'a failover',
    testingNotes: 'in a copy',
    affectedEntityRefs: ['resource:default/payments-db'],
    affectedSystemRefs: [],
    createdBy: alice,
    createdAt: '2026-06-01T09:00:00.000Z',
    updatedAt: '2026-06-01T09:00:00.000Z',
    exceptions: [],
    overdue: false,
    risk: risk('high'),
    ...overrides,
  };
}

const engineer = (userEntityRef: string) => ({
  userEntityRef,
  isCto: false,
  engineerOf: 'any' as const,
});

function ctx(overrides: Partial<WorkflowContext> = {}): WorkflowContext {
  return {
    actor: engineer(bob),
    now: WORKING,
    allowSelfApproval: false,
    freezeTimeZone: 'UTC',
    ...overrides,
  };
}

const act = (c: Change, action: string, context: Partial<WorkflowContext>) =>
  applyAction(
    c,
    parseActionRequest({
      action,
      version: 1,
      ...(action === 'deploy' && { deploymentRef: 'run-1' }),
    }),
    ctx(context),
  );

describe('risk-based policies', () => {
  describe('twoPeerReviews', () => {
    const policies = on('twoPeerReviews');

    it('keeps a high-risk change in review after the first review, recorded in the event', () => {
      const first = act(change('in_review'), 'review', {
        riskPolicies: policies,
      });
      expect(first).toMatchObject({
        ok: true,
        to: 'in_review',
        patch: { reviewed: { by: bob } },
        eventFields: { peerReviewsRequired: 2 },
      });
    });

    it('takes the second review from another engineer, then waits on the CTO', () => {
      const reviewed = change('in_review', {
        reviewed: { by: bob, at: WORKING.toISOString() },
      });
      expect(
        act(reviewed, 'review', {
          actor: engineer(dana),
          riskPolicies: policies,
        }),
      ).toMatchObject({
        ok: true,
        to: 'awaiting_approval',
        patch: { secondReviewed: { by: dana } },
      });
    });

    it('refuses the same reviewer twice, and the author, as ever', () => {
      const reviewed = change('in_review', {
        reviewed: { by: bob, at: WORKING.toISOString() },
      });
      expect(act(reviewed, 'review', { riskPolicies: policies })).toMatchObject(
        {
          ok: false,
          name: 'RiskPolicyError',
          policy: 'twoPeerReviews',
          riskLevel: 'high',
        },
      );
      expect(
        act(reviewed, 'review', {
          actor: engineer(alice),
          riskPolicies: policies,
        }),
      ).toMatchObject({ ok: false, name: 'NotAllowedError' });
    });

    it('lets neither reviewer approve', () => {
      const both = change('awaiting_approval', {
        reviewed: { by: dana, at: WORKING.toISOString() },
        secondReviewed: { by: carol, at: WORKING.toISOString() },
      });
      const cto = {
        userEntityRef: carol,
        isCto: true,
        engineerOf: 'any' as const,
      };
      expect(act(both, 'approve', { actor: cto })).toMatchObject({
        ok: false,
        name: 'NotAllowedError',
      });
    });

    it('keeps a CTO-role holder from the second review when the first was the other holder', () => {
      const reviewed = change('in_review', {
        reviewed: { by: dana, at: WORKING.toISOString() },
      });
      const cto = {
        userEntityRef: carol,
        isCto: true,
        otherCtos: [dana],
        engineerOf: 'any' as const,
      };
      expect(act(reviewed, 'review', { actor: cto })).toMatchObject({
        ok: false,
        name: 'SoleApproverError',
      });
      expect(waitsOnActor(reviewed, cto, { allowSelfApproval: false })).toBe(
        false,
      );
    });

    it('binds neither a medium-risk change nor an emergency, nor when off', () => {
      for (const [c, p] of [
        [change('in_review', { risk: risk('medium') }), policies],
        [change('in_review'), NO_RISK_POLICIES],
        [change('in_review'), undefined],
      ] as const) {
        expect(act(c, 'review', { riskPolicies: p })).toMatchObject({
          ok: true,
          to: 'awaiting_approval',
        });
      }
    });

    it('waits on another engineer, not the first reviewer, and says so', () => {
      const reviewed = change('in_review', {
        reviewed: { by: bob, at: WORKING.toISOString() },
      });
      const options = { allowSelfApproval: false };
      expect(waitsOnActor(reviewed, engineer(bob), options)).toBe(false);
      expect(waitsOnActor(reviewed, engineer(dana), options)).toBe(true);
      expect(waitsOnActor(reviewed, engineer(alice), options)).toBe(false);
      expect(describeNextStep(reviewed, { authorName: 'Alice' })).toBe(
        `Waiting for a second peer review by an engineer other than Alice and ${bob}`,
      );
      expect(
        describeNextStep(change('in_review'), {
          authorName: 'Alice',
          riskPolicies: policies,
        }),
      ).toBe(
        'Waiting for two peer reviews by two engineers other than Alice: a high-risk change needs both',
      );
    });
  });

  describe('requirePlannedWindow', () => {
    const policies = on('requirePlannedWindow');
    const draft = change('draft', { pullRequestUrl: undefined });

    it('refuses to submit a high-risk change without a planned window', () => {
      expect(
        act(draft, 'submit', {
          actor: engineer(alice),
          riskPolicies: policies,
        }),
      ).toMatchObject({
        ok: false,
        name: 'RiskPolicyError',
        policy: 'requirePlannedWindow',
        message: expect.stringContaining('needs a planned window'),
      });
      expect(
        describeNextStep(draft, {
          authorName: 'Alice',
          riskPolicies: policies,
        }),
      ).toBe(
        'Waiting for Alice to add a planned window and submit it: a high-risk change needs one',
      );
    });

    it('submits it with one', () => {
      const planned = {
        ...draft,
        plannedStart: '2026-06-11T10:00:00.000Z',
        plannedEnd: '2026-06-11T11:00:00.000Z',
      };
      expect(
        act(planned, 'submit', {
          actor: engineer(alice),
          riskPolicies: policies,
        }),
      ).toMatchObject({ ok: true, to: 'in_review' });
    });
  });

  describe('noDeployOutsideWorkingHours', () => {
    const policies = on('noDeployOutsideWorkingHours');
    const ready = change('ready_for_production');
    const policy = (now: Date) => ({ policies, workingHours: HOURS, now });

    it('holds a high-risk deploy outside working hours, the verdict naming the policy', () => {
      const verdict = deployVerdict(
        ready,
        'production',
        undefined,
        policy(EVENING),
      );
      expect(verdict).toMatchObject({
        allowed: false,
        final: false,
        heldByPolicy: 'noDeployOutsideWorkingHours',
      });
      expect(verdict.reasons[0]).toMatch(
        /only within working hours, Mon, Tue, Wed, Thu, Fri 09:00 to 17:00 \(UTC\)/,
      );
      expect(
        act(ready, 'deploy', {
          actor: engineer(alice),
          now: EVENING,
          riskPolicies: policies,
          workingHours: HOURS,
        }),
      ).toMatchObject({
        ok: false,
        name: 'RiskPolicyError',
        policy: 'noDeployOutsideWorkingHours',
      });
      expect(describeNextStep(ready, { authorName: 'Alice', verdict })).toMatch(
        /^Ready for production: A high-risk change deploys/,
      );
    });

    it('lets it deploy within them', () => {
      expect(
        deployVerdict(ready, 'production', undefined, policy(WORKING)).allowed,
      ).toBe(true);
      expect(
        act(ready, 'deploy', {
          actor: engineer(alice),
          riskPolicies: policies,
          workingHours: HOURS,
        }),
      ).toMatchObject({ ok: true, to: 'deployed' });
    });

    it('exempts an emergency and leaves staging alone', () => {
      const emergency = change('approved', {
        type: 'emergency',
        approved: { by: carol, at: WORKING.toISOString() },
      });
      expect(
        deployVerdict(emergency, 'production', undefined, policy(EVENING))
          .allowed,
      ).toBe(true);
      const approved = change('approved');
      expect(
        deployVerdict(approved, 'staging', undefined, policy(EVENING)).allowed,
      ).toBe(true);
    });

    it('leaves a freeze to say why first', () => {
      const freeze = {
        start: '2026-06-01T00:00:00.000Z',
        end: '2026-07-01T00:00:00.000Z',
        timeZone: 'UTC',
      };
      const verdict = deployVerdict(
        ready,
        'production',
        freeze,
        policy(EVENING),
      );
      expect(verdict.heldBy).toEqual(freeze);
      expect(verdict.heldByPolicy).toBeUndefined();
    });
  });
});
