import { parseActionRequest } from '../actionSchemas';
import { Change } from '../types';
import { ActionOutcome, applyAction, WorkflowContext } from './applyAction';

const alice = 'user:default/alice';
const carol = 'user:default/carol';
const NOW = new Date('2026-06-10T09:00:00.000Z');

function change(overrides: Partial<Change>): Change {
  return {
    id: 'c1',
    type: 'standard',
    state: 'draft',
    version: 1,
    title: 'Upgrade the PSP SDK',
    description: 'what and why',
    risks: 'refunds may fail',
    testingNotes: 'unit and local e2e',
    pullRequestUrl: 'https://github.com/acme/payments/pull/42',
    affectedEntityRefs: ['component:default/payments-service'],
    affectedSystemRefs: ['system:default/payments'],
    createdBy: alice,
    createdAt: '2026-06-01T09:00:00.000Z',
    updatedAt: '2026-06-01T09:00:00.000Z',
    exceptions: [],
    overdue: false,
    ...overrides,
  };
}

function ctx(overrides: Partial<WorkflowContext> = {}): WorkflowContext {
  return {
    actor: { userEntityRef: alice, isCto: false, engineerOf: 'any' as const },
    now: NOW,
    allowSelfApproval: false,
    freezeTimeZone: 'UTC',
    ...overrides,
  };
}

const asCto = {
  actor: { userEntityRef: carol, isCto: true, engineerOf: 'any' as const },
};
const window = {
  start: '2026-10-01T00:00:00.000Z',
  end: '2027-01-01T00:00:00.000Z',
};

describe('applyAction', () => {
  describe('an edit of the planned window', () => {
    const edit = (fields: Record<string, unknown>) =>
      applyAction(
        change({
          plannedStart: '2026-06-11T10:00:00.000Z',
          plannedEnd: '2026-06-11T11:00:00.000Z',
        }),
        parseActionRequest({
          action: 'edit',
          version: 1,
          title: 'Upgrade the PSP SDK',
          affectedEntityRefs: ['component:default/payments-service'],
          ...fields,
        }),
        ctx(),
      );

    it('sets a new window, recorded in the event', () => {
      const result = edit({
        plannedStart: '2026-06-12T10:00:00Z',
        plannedEnd: '2026-06-12T11:00:00Z',
      }) as ActionOutcome;
      expect(result.patch).toMatchObject({
        plannedStart: '2026-06-12T10:00:00.000Z',
        plannedEnd: '2026-06-12T11:00:00.000Z',
      });
      expect(result.eventFields).toMatchObject({
        plannedStart: '2026-06-12T10:00:00.000Z',
        plannedEnd: '2026-06-12T11:00:00.000Z',
      });
    });

    it('clears the window when it is left out, as any draft field', () => {
      const result = edit({}) as ActionOutcome;
      expect(result.patch).toHaveProperty('plannedStart', undefined);
      expect(result.patch).toHaveProperty('plannedEnd', undefined);
    });

    it('refuses half a window, naming the missing field', () => {
      expect(edit({ plannedStart: '2026-06-12T10:00:00Z' })).toEqual({
        ok: false,
        name: 'InputError',
        message: 'Planned end is required with a planned start',
        issues: [
          {
            path: 'plannedEnd',
            message: 'Planned end is required with a planned start',
          },
        ],
      });
    });
  });

  it('refuses to submit an incomplete draft, naming each missing field', () => {
    const result = applyAction(
      change({ risks: '', pullRequestUrl: undefined, affectedEntityRefs: [] }),
      parseActionRequest({ action: 'submit', version: 1 }),
      ctx(),
    );
    expect(result).toEqual({
      ok: false,
      name: 'InputError',
      message:
        'Cannot submit yet; missing: risks, affectedEntityRefs, pullRequestUrl',
      issues: [
        {
          path: 'risks',
          message: 'Risks / side effects is required to submit',
        },
        {
          path: 'affectedEntityRefs',
          message: 'At least one affected entity is required to submit',
        },
        {
          path: 'pullRequestUrl',
          message: 'A pull request URL is required to submit',
        },
      ],
    });
  });

  it('needs the incident and proposed fix to submit an emergency, not a PR', () => {
    const result = applyAction(
      change({ type: 'emergency', pullRequestUrl: undefined }),
      parseActionRequest({ action: 'submit', version: 1 }),
      ctx(),
    );
    expect(result).toMatchObject({
      name: 'InputError',
      issues: [
        { path: 'incident.ref' },
        { path: 'incident.severity' },
        { path: 'proposedFix' },
      ],
    });
  });

  it('lets an infrastructure change go without a PR', () => {
    const result = applyAction(
      change({ type: 'infrastructure', pullRequestUrl: undefined }),
      parseActionRequest({ action: 'submit', version: 1 }),
      ctx(),
    );
    expect(result).toMatchObject({ ok: true, to: 'in_review' });
  });

  it('sends a change with a failed staging check back to draft, its staging result cleared', () => {
    const result = applyAction(
      change({
        state: 'approved',
        approved: { by: carol, at: 'x' },
        stagingTested: 'yes',
      }),
      parseActionRequest({
        action: 'record-staging',
        version: 4,
        functionalTested: true,
        regressionChecked: false,
        noUnexpectedSideEffects: true,
        stagingTested: 'yes',
      }),
      ctx(),
    );
    expect(result).toMatchObject({
      ok: true,
      to: 'draft',
      // The failed run is the event's; the record says nothing until the
      // edited change is tested again.
      eventFields: {
        stagingTested: 'yes',
        failedChecks: ['regression checks'],
      },
    });
    const { patch } = result as ActionOutcome;
    expect(patch).toEqual({});
    expect(Object.keys(patch).sort()).toEqual([
      'approved',
      'reviewed',
      // Issue 24: the second of two reviews goes with the first.
      'secondReviewed',
      'signedOff',
      'stagingTested',
    ]);
  });

  it('refuses a standard deploy inside the freeze with the window named', () => {
    const result = applyAction(
      change({ state: 'ready_for_production' }),
      parseActionRequest({ action: 'deploy', version: 7 }),
      ctx({ freeze: window }),
    );
    expect(result).toEqual({
      ok: false,
      name: 'FreezeError',
      message:
        'Production deploys of standard changes are frozen from 2026-10-01 to 2026-12-31 (UTC); only emergency changes may deploy',
      window: { ...window, timeZone: 'UTC' },
    });
  });

  it('deploys an emergency in the freeze, recording the override and the approval', () => {
    const approved = { by: carol, at: '2026-11-25T08:00:00.000Z' };
    const now = new Date('2026-11-25T09:00:00.000Z');
    const result = applyAction(
      change({ type: 'emergency', state: 'approved', approved }),
      parseActionRequest({
        action: 'deploy',
        version: 3,
        deploymentRef: 'run/7',
      }),
      ctx({ freeze: window, now }),
    );
    expect(result).toMatchObject({
      ok: true,
      to: 'deployed',
      patch: {
        deployed: { by: alice, at: now.toISOString(), deploymentRef: 'run/7' },
        retrospectiveDueAt: '2026-11-27T09:00:00.000Z',
      },
      eventFields: { freezeOverride: true, approvalReliedOn: approved },
      exceptions: [{ kind: 'freeze-override', actor: alice }],
    });
  });

  it('sets the retrospective due exactly 172,800 s after the deploy, DST or not', () => {
    // Europe changes clocks on 2026-10-25; the due time ignores calendars.
    const now = new Date('2026-10-24T12:34:56.789Z');
    const result = applyAction(
      change({
        type: 'emergency',
        state: 'approved',
        approved: { by: carol, at: 'x' },
      }),
      parseActionRequest({ action: 'deploy', version: 3 }),
      ctx({ now }),
    );
    expect(result.ok && result.patch.retrospectiveDueAt).toBe(
      new Date(now.getTime() + 172_800 * 1000).toISOString(),
    );
  });

  it('flags a late retrospective as an exception', () => {
    const result = applyAction(
      change({
        type: 'emergency',
        state: 'verified',
        retrospectiveDueAt: '2026-06-10T08:59:59.999Z',
      }),
      parseActionRequest({
        action: 'document-retrospective',
        version: 6,
        whatChanged: 'patched the refund path',
        why: 'P1 refunds outage',
        approvalReceived: 'carol on the incident call',
      }),
      ctx(),
    );
    expect(result).toMatchObject({
      ok: true,
      to: 'retrospective_done',
      patch: { retrospective: { late: true, by: alice } },
      exceptions: [{ kind: 'late-retrospective' }],
    });
  });

  it.each([
    [1, false],
    [0, true],
  ])(
    'is late from exactly the due time on, when the change shows overdue (due %p ms after now: late %p)',
    (dueAfterNow, late) => {
      const result = applyAction(
        change({
          type: 'emergency',
          state: 'verified',
          retrospectiveDueAt: new Date(
            NOW.getTime() + dueAfterNow,
          ).toISOString(),
        }),
        parseActionRequest({
          action: 'document-retrospective',
          version: 6,
          whatChanged: 'a',
          why: 'b',
          approvalReceived: 'c',
        }),
        ctx(),
      );
      expect(result).toMatchObject({
        ok: true,
        patch: { retrospective: { late } },
        exceptions: late ? [{ kind: 'late-retrospective' }] : [],
      });
    },
  );

  it('records a waived review as an exception with its reason', () => {
    const result = applyAction(
      change({ state: 'in_review' }),
      parseActionRequest({
        action: 'waive-review',
        version: 2,
        reason: 'sole engineer on call',
      }),
      ctx(asCto),
    );
    expect(result).toMatchObject({
      ok: true,
      to: 'awaiting_approval',
      comment: 'sole engineer on call',
      exceptions: [
        {
          kind: 'waived-review',
          actor: carol,
          detail: 'sole engineer on call',
        },
      ],
    });
  });

  it('records a permitted CTO self-approval as an exception', () => {
    const result = applyAction(
      change({ state: 'awaiting_approval', createdBy: carol }),
      parseActionRequest({ action: 'approve', version: 3 }),
      ctx({ ...asCto, allowSelfApproval: true }),
    );
    expect(result).toMatchObject({
      ok: true,
      patch: { approved: { by: carol } },
      exceptions: [{ kind: 'self-approval', actor: carol }],
    });
  });

  it('records verification with the issues encountered', () => {
    const result = applyAction(
      change({ state: 'deployed' }),
      parseActionRequest({
        action: 'verify',
        version: 8,
        postDeploymentVerified: 'no',
        issuesEncountered: 'latency spike for 5 minutes',
      }),
      ctx(),
    );
    expect(result).toMatchObject({
      ok: true,
      to: 'completed',
      patch: {
        postDeploymentVerified: 'no',
        issuesEncountered: 'latency spike for 5 minutes',
        verified: { by: alice, at: NOW.toISOString() },
      },
    });
  });
});
