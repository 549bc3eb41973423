import {
  CHANGE_ACTIONS,
  CHANGE_STATES,
  ChangeAction,
  ChangeState,
  ChangeType,
} from '../types';
import { checkAction } from './checkAction';

/**
 * Every edge of docs/workflow.md, written out by hand so that the machine is
 * checked against the document rather than against itself.
 */
const STANDARD_EDGES = `
draft edit draft author
draft submit in_review author
draft cancel cancelled author-or-cto
in_review review awaiting_approval reviewer
in_review request-changes draft reviewer
in_review waive-review awaiting_approval cto
in_review cancel cancelled author-or-cto
awaiting_approval approve approved cto
awaiting_approval request-changes draft cto
awaiting_approval return-to-review in_review cto
awaiting_approval reject rejected cto
awaiting_approval cancel cancelled author-or-cto
approved record-staging staging_verified engineer
approved cancel cancelled author-or-cto
staging_verified sign-off ready_for_production cto
staging_verified cancel cancelled author-or-cto
ready_for_production deploy deployed engineer
ready_for_production cancel cancelled author-or-cto
deployed verify completed engineer
deployed roll-back rolled_back engineer
`;

const EMERGENCY_EDGES = `
draft edit draft author
draft submit awaiting_approval author
draft cancel cancelled author-or-cto
awaiting_approval approve approved cto
awaiting_approval reject rejected cto
awaiting_approval cancel cancelled author-or-cto
approved deploy deployed engineer
approved cancel cancelled author-or-cto
deployed verify verified engineer
deployed roll-back rolled_back engineer
verified document-retrospective retrospective_done author
retrospective_done complete-review completed cto
rolled_back document-retrospective rolled_back author
rolled_back complete-review rolled_back cto
`;

type Edge = { to: ChangeState; role: string };

function parseEdges(text: string): Map<string, Edge> {
  const edges = new Map<string, Edge>();
  for (const line of text.trim().split('\n')) {
    const [from, action, to, role] = line.trim().split(/\s+/);
    edges.set(`${from} ${action}`, { to: to as ChangeState, role });
  }
  return edges;
}

const EDGES: Record<ChangeType, Map<string, Edge>> = {
  standard: parseEdges(STANDARD_EDGES),
  infrastructure: parseEdges(STANDARD_EDGES),
  emergency: parseEdges(EMERGENCY_EDGES),
};

const AUTHOR = 'user:default/alice';
const actors = {
  author: { userEntityRef: AUTHOR, isCto: false, engineerOf: 'any' as const },
  engineer: {
    userEntityRef: 'user:default/bob',
    isCto: false,
    engineerOf: 'any' as const,
  },
  // Another holder of the role could approve what carol reviews.
  cto: {
    userEntityRef: 'user:default/carol',
    isCto: true,
    otherCtos: ['user:default/dave'],
    engineerOf: 'any' as const,
  },
};

/** Who each role lets in, among the author, another engineer and the CTO. */
const ALLOWED: Record<string, (keyof typeof actors)[]> = {
  author: ['author'],
  engineer: ['author', 'engineer', 'cto'],
  reviewer: ['engineer', 'cto'],
  cto: ['cto'],
  'author-or-cto': ['author', 'cto'],
};

const cells = (['standard', 'infrastructure', 'emergency'] as ChangeType[])
  .flatMap(type => CHANGE_STATES.map(state => [type, state] as const))
  .flatMap(([type, state]) =>
    CHANGE_ACTIONS.map(action => [type, state, action] as const),
  );

describe('every state x action x actor', () => {
  it.each(cells)('%s: %s --%s-->', (type, state, action: ChangeAction) => {
    const edge = EDGES[type].get(`${state} ${action}`);
    // A change whose retrospective preconditions hold, and that the CTO
    // reviewed where she sends it back, so that only the state and the role
    // decide here.
    const change = {
      type,
      state,
      createdBy: AUTHOR,
      reviewed:
        action === 'return-to-review'
          ? { by: actors.cto.userEntityRef, at: '' }
          : undefined,
      retrospective:
        action === 'complete-review'
          ? {
              by: AUTHOR,
              at: '',
              whatChanged: 'x',
              why: 'y',
              approvalReceived: 'z',
              late: false,
            }
          : undefined,
    };
    for (const [name, actor] of Object.entries(actors)) {
      const result = checkAction(change, action, actor, {
        allowSelfApproval: false,
      });
      const inState = expect.stringContaining(`'${state}'`);
      let expected: object;
      if (!edge) {
        expected = {
          ok: false,
          name: 'InvalidTransitionError',
          message: inState,
          state,
        };
      } else if (ALLOWED[edge.role].includes(name as keyof typeof actors)) {
        expected = { ok: true, transition: { to: edge.to } };
      } else {
        expected = { ok: false, name: 'NotAllowedError' };
      }
      expect(result).toMatchObject(expected);
    }
  });

  it('names the allowed actions when the state is wrong', () => {
    const result = checkAction(
      { type: 'standard', state: 'in_review', createdBy: AUTHOR },
      'deploy',
      actors.engineer,
      { allowSelfApproval: false },
    );
    expect(result).toEqual({
      ok: false,
      name: 'InvalidTransitionError',
      state: 'in_review',
      allowedActions: ['review', 'request-changes', 'waive-review', 'cancel'],
      message:
        "Cannot deploy a standard change in state 'in_review'; allowed actions there: review, request-changes, waive-review, cancel",
    });
  });
});

describe('separation of duties', () => {
  const ctoAuthor = {
    userEntityRef: AUTHOR,
    isCto: true,
    engineerOf: 'any' as const,
  };

  it.each(['approve', 'sign-off', 'waive-review'] as ChangeAction[])(
    'the CTO cannot %s their own change by default',
    action => {
      const state = {
        approve: 'awaiting_approval',
        'sign-off': 'staging_verified',
        'waive-review': 'in_review',
      }[action as string] as ChangeState;
      const change = { type: 'standard' as const, state, createdBy: AUTHOR };
      expect(
        checkAction(change, action, ctoAuthor, { allowSelfApproval: false }),
      ).toMatchObject({ ok: false, name: 'NotAllowedError' });
      expect(
        checkAction(change, action, ctoAuthor, { allowSelfApproval: true }),
      ).toMatchObject({ ok: true, selfApproval: true });
    },
  );

  it('the CTO who peer-reviewed a change does not approve it, unless allowed', () => {
    const change = {
      type: 'standard' as const,
      state: 'awaiting_approval' as const,
      createdBy: AUTHOR,
      reviewed: { by: actors.cto.userEntityRef, at: '' },
    };
    expect(
      checkAction(change, 'approve', actors.cto, { allowSelfApproval: false }),
    ).toMatchObject({ ok: false, name: 'NotAllowedError' });
    expect(
      checkAction(change, 'approve', actors.cto, { allowSelfApproval: true }),
    ).toMatchObject({ ok: true, selfApproval: true });
  });

  it('the CTO completes the review of their own emergency only when allowed', () => {
    const change = {
      type: 'emergency' as const,
      state: 'retrospective_done' as const,
      createdBy: AUTHOR,
      retrospective: {
        by: AUTHOR,
        at: '',
        whatChanged: 'a',
        why: 'b',
        approvalReceived: 'c',
        late: false,
      },
    };
    expect(
      checkAction(change, 'complete-review', ctoAuthor, {
        allowSelfApproval: false,
      }),
    ).toMatchObject({ ok: false, name: 'NotAllowedError' });
  });

  it('leaves the engineer steps and the peer review to engineers', () => {
    const ops = {
      userEntityRef: 'user:default/oscar',
      isCto: false,
      engineerOf: 'none' as const,
    };
    for (const [state, action] of [
      ['in_review', 'review'],
      ['approved', 'record-staging'],
      ['ready_for_production', 'deploy'],
      ['deployed', 'verify'],
      ['deployed', 'roll-back'],
    ] as [ChangeState, ChangeAction][]) {
      expect(
        checkAction(
          { type: 'standard', state, createdBy: AUTHOR },
          action,
          ops,
          {
            allowSelfApproval: false,
          },
        ),
      ).toMatchObject({ ok: false, name: 'NotAllowedError' });
    }
  });

  it('nobody reviews their own change, not even the CTO', () => {
    const change = {
      type: 'standard' as const,
      state: 'in_review' as const,
      createdBy: AUTHOR,
    };
    expect(
      checkAction(change, 'review', ctoAuthor, { allowSelfApproval: true }),
    ).toMatchObject({ ok: false, name: 'NotAllowedError' });
  });
});

describe('retrospective preconditions', () => {
  it('refuses a second retrospective and a review before the retrospective', () => {
    const base = {
      type: 'emergency' as const,
      state: 'rolled_back' as const,
      createdBy: AUTHOR,
    };
    expect(
      checkAction(base, 'complete-review', actors.cto, {
        allowSelfApproval: false,
      }),
    ).toMatchObject({ ok: false, name: 'InvalidTransitionError' });
    const documented = {
      ...base,
      retrospective: {
        by: AUTHOR,
        at: '',
        whatChanged: 'a',
        why: 'b',
        approvalReceived: 'c',
        late: false,
      },
    };
    expect(
      checkAction(documented, 'document-retrospective', actors.author, {
        allowSelfApproval: false,
      }),
    ).toMatchObject({ ok: false, name: 'InvalidTransitionError' });
  });
});
