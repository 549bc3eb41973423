import { parseActionRequest } from '../actionSchemas';
import { productionClosure } from '../blackouts';
import { unreadableAnnotation } from '../blackoutsAnnotation';
import { RefusalWindow } from '../errors';
import { Change, CHANGE_STATES, ChangeState, ChangeType } from '../types';
import { applyAction, WorkflowContext } from './applyAction';
import { deployVerdict } from './deployVerdict';
import { describeNextStep } from './nextStep';

const freeze: RefusalWindow = {
  start: '2026-10-01T00:00:00.000Z',
  end: '2027-01-01T00:00:00.000Z',
  timeZone: 'UTC',
};
const blackout: RefusalWindow = {
  start: '2026-06-01T00:00:00Z',
  end: '2026-06-02T00:00:00Z',
  timeZone: 'UTC',
  entityRef: 'system:default/payments',
  reason: 'migration',
};

/**
 * The gate for every type and state, written out by hand from the SOP:
 * P = production allowed, S = staging allowed, '-' = neither. Open means no
 * freeze; in a freeze or blackout only an emergency goes to production.
 */
const TABLE: Record<ChangeType, Partial<Record<ChangeState, string>>> = {
  standard: {
    approved: 'S',
    ready_for_production: 'PS',
  },
  infrastructure: {
    approved: 'S',
    ready_for_production: 'PS',
  },
  emergency: {
    approved: 'PS',
  },
};

const approved = { by: 'user:default/carol', at: '2026-06-01T08:00:00Z' };

describe('deployVerdict', () => {
  const cells = (['standard', 'infrastructure', 'emergency'] as ChangeType[])
    .flatMap(type => CHANGE_STATES.map(state => [type, state] as const))
    .map(([type, state]) => [type, state, TABLE[type][state] ?? '-'] as const);

  it.each(cells)('%s in %s: %s', (type, state, expected) => {
    const change = { type, state, approved };
    const answer = (env: 'production' | 'staging', closure?: RefusalWindow) =>
      deployVerdict(change, env, closure).allowed;
    expect({
      production: answer('production'),
      staging: answer('staging'),
      frozen: answer('production', freeze),
      blackedOut: answer('production', blackout),
      stagingFrozen: answer('staging', freeze),
    }).toEqual({
      production: expected.includes('P'),
      staging: expected.includes('S'),
      // only an emergency passes the freeze or a blackout
      frozen: expected.includes('P') && type === 'emergency',
      blackedOut: expected.includes('P') && type === 'emergency',
      // staging is never frozen
      stagingFrozen: expected.includes('S'),
    });
  });

  it('says when the gate can never open, so a pipeline stops waiting', () => {
    const final = (
      type: ChangeType,
      state: ChangeState,
      env: 'production' | 'staging',
    ) => deployVerdict({ type, state }, env).final;
    // still ahead: waiting makes sense
    expect(final('standard', 'in_review', 'production')).toBe(false);
    expect(final('standard', 'draft', 'staging')).toBe(false);
    expect(final('emergency', 'awaiting_approval', 'production')).toBe(false);
    // past the deploy, or ended
    expect(final('standard', 'deployed', 'production')).toBe(true);
    expect(final('standard', 'deployed', 'staging')).toBe(true);
    expect(final('emergency', 'verified', 'production')).toBe(true);
    expect(final('emergency', 'rolled_back', 'production')).toBe(true);
    for (const state of ['completed', 'rejected', 'cancelled'] as const) {
      expect(final('standard', state, 'production')).toBe(true);
    }
    // frozen is not final: the freeze ends
    expect(
      deployVerdict(
        { type: 'standard', state: 'ready_for_production' },
        'production',
        freeze,
      ).final,
    ).toBe(false);
  });

  it('says what a standard change waits for, in words', () => {
    const reasons = (state: ChangeState) =>
      deployVerdict({ type: 'standard', state }, 'production').reasons;
    expect(reasons('in_review')).toEqual([
      'Waiting for a peer review by an engineer other than the author',
    ]);
    expect(reasons('staging_verified')).toEqual([
      'Waiting for CTO sign-off for production',
    ]);
    expect(reasons('completed')).toEqual([
      'The change is completed; nothing more is deployed under it. Raise a new change',
    ]);
  });

  it('names the freeze and when production reopens', () => {
    expect(
      deployVerdict(
        { type: 'standard', state: 'ready_for_production' },
        'production',
        freeze,
      ),
    ).toEqual({
      allowed: false,
      final: false,
      reasons: [
        'Production is frozen from 2026-10-01 to 2026-12-31 (UTC): only emergency changes may deploy. Deploy once it reopens on 2027-01-01, or raise an emergency change',
      ],
      heldBy: freeze,
    });
  });

  it('lets an emergency through a blackout, naming the override', () => {
    expect(
      deployVerdict(
        { type: 'emergency', state: 'approved', approved },
        'production',
        blackout,
      ),
    ).toEqual({
      allowed: true,
      final: false,
      reasons: [
        'Emergency: deploys while production is blacked out for system:default/payments from 2026-06-01T00:00:00Z to 2026-06-02T00:00:00Z (migration), on the CTO approval of user:default/carol; the override is recorded',
      ],
      override: blackout,
    });
  });
});

describe('one verdict: the deploy action, the gate and the next step agree', () => {
  const alice = 'user:default/alice';
  const now = new Date('2026-06-01T12:00:00Z');
  const closures: Record<string, Partial<WorkflowContext>> = {
    open: {},
    frozen: { freeze: { start: freeze.start, end: freeze.end } },
    'blacked out': {
      blackouts: [
        {
          entityRef: blackout.entityRef!,
          start: blackout.start,
          end: blackout.end,
          reason: blackout.reason!,
        },
      ],
    },
    'held by an unreadable annotation': {
      blackouts: [
        unreadableAnnotation('system:default/payments', ['it is not JSON']),
      ],
    },
  };
  const cells = (['standard', 'infrastructure', 'emergency'] as ChangeType[])
    .flatMap(type => CHANGE_STATES.map(state => [type, state] as const))
    .flatMap(([type, state]) =>
      Object.keys(closures).map(closure => [type, state, closure] as const),
    );

  it.each(cells)('%s in %s, production %s', (type, state, closure) => {
    const change = {
      id: 'c1',
      type,
      state,
      version: 5,
      title: 't',
      description: 'd',
      risks: 'r',
      testingNotes: 'n',
      affectedEntityRefs: ['component:default/payments-service'],
      affectedSystemRefs: ['system:default/payments'],
      createdBy: alice,
      createdAt: '2026-05-01T09:00:00Z',
      updatedAt: '2026-05-01T09:00:00Z',
      approved,
      exceptions: [],
      overdue: false,
    } satisfies Change;
    const ctx: WorkflowContext = {
      actor: { userEntityRef: alice, isCto: false, engineerOf: 'any' as const },
      now,
      allowSelfApproval: false,
      freezeTimeZone: 'UTC',
      ...closures[closure],
    };
    const verdict = deployVerdict(change, 'production', productionClosure(ctx));
    const outcome = applyAction(
      change,
      parseActionRequest({ action: 'deploy', version: 5 }),
      ctx,
    );

    // The deploy goes through exactly when the gate says it may, refuses
    // with the window the verdict holds it by, and records the very window
    // the verdict overrides.
    expect({
      deploys: outcome.ok,
      refusal: !outcome.ok && outcome.name,
      window: 'window' in outcome ? outcome.window : undefined,
      overridden: outcome.ok ? outcome.eventFields.freezeWindow : undefined,
      exceptions: outcome.ok ? outcome.exceptions.map(e => e.kind) : [],
    }).toEqual({
      deploys: verdict.allowed,
      refusal:
        !verdict.allowed &&
        (verdict.heldBy ? 'FreezeError' : 'InvalidTransitionError'),
      window: verdict.heldBy,
      overridden: verdict.override,
      exceptions: verdict.override ? ['freeze-override'] : [],
    });
    // The page's sentence holds the deploy back exactly when the verdict does.
    const sentence = describeNextStep(change, { authorName: 'Alice', verdict });
    expect(sentence.includes('deploy when the')).toBe(!!verdict.heldBy);
    expect(sentence.includes('although production is')).toBe(
      !!verdict.override,
    );
  });
});
