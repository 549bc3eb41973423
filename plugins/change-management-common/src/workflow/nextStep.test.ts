import { RefusalWindow } from '../errors';
import { ChangeState, ChangeType } from '../types';
import { deployVerdict } from './deployVerdict';
import { describeNextStep } from './nextStep';
import { MACHINES, RecordFacts } from './transitions';
import { nextSteps, stateOutcome, waitsOn } from './waitsOn';

const freeze: RefusalWindow = {
  start: '2026-10-01T00:00:00.000Z',
  end: '2027-01-01T00:00:00.000Z',
  timeZone: 'UTC',
};
const author = 'Alice Adams';

const signature = { by: 'user:default/alice', at: '2026-06-10T09:00:00Z' };
/** A change in a state, with the record facts given. */
function changeIn(type: ChangeType, state: ChangeState, facts: RecordFacts) {
  return {
    type,
    state,
    retrospective: facts.retrospective
      ? { ...signature, whatChanged: 'a', why: 'b', approvalReceived: 'c' }
      : undefined,
    postDeploymentReview: facts.postDeploymentReview
      ? { ...signature, preventable: 'no' as const, notes: 'n' }
      : undefined,
  } as Parameters<typeof describeNextStep>[0];
}

// Every state of every machine (where an edge starts or ends), for every
// type that follows it and every record fact: taken from the machines.
const CASES = MACHINES.flatMap(({ types, machine }) => {
  const states = new Set<ChangeState>();
  for (const [state, edges] of Object.entries(machine)) {
    states.add(state as ChangeState);
    Object.values(edges ?? {}).forEach(t => states.add(t.to));
  }
  return types.flatMap(type =>
    [...states].flatMap(state =>
      [false, true].flatMap(retrospective =>
        [false, true].map(
          postDeploymentReview =>
            [type, state, { retrospective, postDeploymentReview }] as const,
        ),
      ),
    ),
  );
});

describe('describeNextStep', () => {
  it.each(CASES)(
    'a %s change in %s (%o) names who acts next',
    (type, state, facts) => {
      const change = changeIn(type, state, facts);
      const sentence = describeNextStep(change, { authorName: author });
      const [party = 'nobody'] = waitsOn(change);
      const mentions = {
        nobody: /nothing more/,
        cto: /\bCTO\b/,
        author: new RegExp(author),
        reviewer: new RegExp(`an engineer other than ${author}`),
      }[party];
      expect(sentence).toMatch(mentions);
    },
  );

  it.each(CASES.filter(([type]) => type !== 'emergency'))(
    'in a freeze, a %s change in %s (%o) deploys only when it reopens',
    (type, state, facts) => {
      const change = changeIn(type, state, facts);
      const sentence = describeNextStep(change, {
        authorName: author,
        verdict: deployVerdict(change, 'production', freeze),
      });
      const expected =
        nextSteps(change)[0] === 'deploy'
          ? 'Ready for production: deploy when the freeze ends on 2027-01-01, or raise an emergency'
          : describeNextStep(change, { authorName: author });
      expect(sentence).toBe(expected);
    },
  );

  it('says the words of the SOP for the main steps', () => {
    const none = { retrospective: false, postDeploymentReview: false };
    const say = (type: ChangeType, state: ChangeState) =>
      describeNextStep(changeIn(type, state, none), { authorName: author });
    expect(say('standard', 'in_review')).toBe(
      'Waiting for a peer review by an engineer other than Alice Adams',
    );
    expect(say('standard', 'awaiting_approval')).toBe(
      'Waiting for CTO approval',
    );
    expect(say('emergency', 'awaiting_approval')).toBe(
      'Waiting for CTO approval',
    );
    expect(say('standard', 'ready_for_production')).toBe(
      'Ready for production: Alice Adams or another engineer deploys it',
    );
    expect(say('standard', 'completed')).toBe(
      'Completed: nothing more is owed on this change',
    );
    expect(stateOutcome('cancelled')).toBe('stopped');
    expect(say('standard', 'cancelled')).toMatch(/^Cancelled: nothing more/);
  });

  it('lets an emergency deploy in the freeze, saying the override is recorded', () => {
    const change = changeIn('emergency', 'approved', {
      retrospective: false,
      postDeploymentReview: false,
    });
    const sentence = describeNextStep(change, {
      authorName: author,
      verdict: deployVerdict(change, 'production', freeze),
    });
    expect(sentence).toContain('frozen from 2026-10-01 to 2026-12-31 (UTC)');
    expect(sentence).toContain('the override is recorded');
  });
});
