import { CHANGE_STATES, ChangeState, ChangeType } from '../types';
import { happyPath, machineFor, needsMet, RecordFacts } from './transitions';
import {
  actionsForRole,
  isFinished,
  openActions,
  stateOutcome,
  WAITING_RULES,
  waitsOn,
} from './waitsOn';

const TYPES: ChangeType[] = ['standard', 'infrastructure', 'emergency'];
const FACTS: RecordFacts[] = [false, true].flatMap(retrospective =>
  [false, true].map(postDeploymentReview => ({
    retrospective,
    postDeploymentReview,
  })),
);

const signature = { by: 'user:default/alice', at: '2026-06-10T09:00:00Z' };
/** A change in a state, with the record facts given. */
function changeIn(type: ChangeType, state: ChangeState, facts: RecordFacts) {
  return {
    type,
    state,
    retrospective: facts.retrospective
      ? {
          ...signature,
          whatChanged: 'a',
          why: 'b',
          approvalReceived: 'c',
          late: false,
        }
      : undefined,
    postDeploymentReview: facts.postDeploymentReview
      ? { ...signature, preventable: 'no' as const, notes: 'n' }
      : undefined,
  };
}

/** Every state a machine can reach from draft, whatever the record says. */
function reachable(type: ChangeType): ChangeState[] {
  const seen: ChangeState[] = ['draft'];
  for (let i = 0; i < seen.length; i++) {
    for (const t of Object.values(machineFor(type)[seen[i]] ?? {})) {
      if (!seen.includes(t.to)) seen.push(t.to);
    }
  }
  return seen;
}

describe('who a change waits on', () => {
  it.each([
    ['standard', ['completed', 'rolled_back', 'rejected', 'cancelled']],
    ['infrastructure', ['completed', 'rolled_back', 'rejected', 'cancelled']],
    ['emergency', ['completed', 'rejected', 'cancelled']],
  ] as [ChangeType, ChangeState[]][])(
    'a %s change that is not in a final state always waits on someone who can act',
    (type, finals) => {
      const none = { retrospective: false, postDeploymentReview: false };
      const finished = reachable(type).filter(state =>
        isFinished(changeIn(type, state, none)),
      );
      expect(finished.sort()).toEqual([...finals].sort());
      const stuck = reachable(type)
        .filter(state => !finals.includes(state))
        .filter(state => openActions(changeIn(type, state, none)).length === 0);
      expect(stuck).toEqual([]);
    },
  );

  it('spells out the standard machine, state by state', () => {
    const none = { retrospective: false, postDeploymentReview: false };
    const table = Object.fromEntries(
      CHANGE_STATES.map(s => [s, waitsOn(changeIn('standard', s, none))]),
    );
    expect(table).toEqual({
      draft: ['author'],
      in_review: ['reviewer'],
      awaiting_approval: ['cto'],
      approved: ['author'],
      staging_verified: ['cto'],
      ready_for_production: ['author'],
      deployed: ['author'],
      verified: [],
      retrospective_done: [],
      completed: [],
      rolled_back: [],
      rejected: [],
      cancelled: [],
    });
  });

  it('keeps a rolled-back emergency in the author’s queue, then the CTO’s, then done', () => {
    const rolledBack = (facts: RecordFacts) =>
      changeIn('emergency', 'rolled_back', facts);
    expect(
      waitsOn(
        rolledBack({ retrospective: false, postDeploymentReview: false }),
      ),
    ).toEqual(['author']);
    expect(
      waitsOn(rolledBack({ retrospective: true, postDeploymentReview: false })),
    ).toEqual(['cto']);
    expect(
      isFinished(
        rolledBack({ retrospective: true, postDeploymentReview: true }),
      ),
    ).toBe(true);
  });

  it('has rules for the database that give the same answer as waitsOn, cell by cell', () => {
    for (const type of TYPES) {
      for (const state of CHANGE_STATES) {
        for (const facts of FACTS) {
          const fromRules = WAITING_RULES.filter(
            rule =>
              rule.types.includes(type) &&
              rule.state === state &&
              needsMet(
                {
                  to: state,
                  role: 'author',
                  kind: 'forward',
                  needs: rule.needs,
                },
                facts,
              ),
          ).map(rule => rule.party);
          expect({
            type,
            state,
            facts,
            parties: [...new Set(fromRules)],
          }).toEqual({
            type,
            state,
            facts,
            parties: waitsOn(changeIn(type, state, facts)),
          });
        }
      }
    }
  });
});

describe('derived lists', () => {
  it('names the CTO’s actions', () => {
    expect(actionsForRole('cto').sort()).toEqual(
      [
        'approve',
        'complete-review',
        'reject',
        'request-changes',
        'return-to-review',
        'sign-off',
        'waive-review',
      ].sort(),
    );
  });

  it('follows the forward edges for the happy path', () => {
    expect(happyPath('standard')).toEqual([
      'draft',
      'in_review',
      'awaiting_approval',
      'approved',
      'staging_verified',
      'ready_for_production',
      'deployed',
      'completed',
    ]);
    expect(happyPath('emergency')).toEqual([
      'draft',
      'awaiting_approval',
      'approved',
      'deployed',
      'verified',
      'retrospective_done',
      'completed',
    ]);
  });

  it('reads each state as active, done or stopped', () => {
    expect(
      Object.fromEntries(CHANGE_STATES.map(s => [s, stateOutcome(s)])),
    ).toEqual({
      draft: 'active',
      in_review: 'active',
      awaiting_approval: 'active',
      approved: 'active',
      staging_verified: 'active',
      ready_for_production: 'active',
      deployed: 'active',
      verified: 'active',
      retrospective_done: 'active',
      completed: 'done',
      rolled_back: 'stopped',
      rejected: 'stopped',
      cancelled: 'stopped',
    });
  });
});
