import { Change, ChangeAction, ChangeState, ChangeType } from '../types';
import { Actor } from './actor';
import { reviewLeavesAnApprover } from './ctoReview';
import { isEngineerFor } from './engineers';
import {
  ActionRole,
  edgesFrom,
  transitionFor,
  happyPath,
  MACHINES,
  needsMet,
  RecordFacts,
} from './transitions';

/**
 * Whom a change waits on:
 * - `author`: its author (steps "any engineer" may take, such as deploy, sit
 *   in the author's queue: the author answers for them);
 * - `reviewer`: any engineer but the author;
 * - `cto`: the holders of the CTO role.
 *
 * @public
 */
export type Party = 'author' | 'reviewer' | 'cto';

const PARTY_OF_ROLE: Record<ActionRole, Party> = {
  author: 'author',
  engineer: 'author',
  reviewer: 'reviewer',
  cto: 'cto',
  'author-or-cto': 'author',
};

/** What the workflow reads of a change besides its type and state. */
export type WorkflowChange = Pick<
  Change,
  'type' | 'state' | 'retrospective' | 'postDeploymentReview'
>;

/** The record facts of a change that edges may need. @public */
export function recordFacts(
  change: Pick<Change, 'retrospective' | 'postDeploymentReview'>,
): RecordFacts {
  return {
    retrospective: !!change.retrospective,
    postDeploymentReview: !!change.postDeploymentReview,
  };
}

/**
 * The actions the machine offers on this change now, whoever asks: the edges
 * out of its state whose needs its record meets.
 *
 * @public
 */
export function openActions(change: WorkflowChange): ChangeAction[] {
  const facts = recordFacts(change);
  return edgesFrom(change.type, change.state)
    .filter(([, t]) => needsMet(t, facts))
    .map(([action]) => action);
}

/**
 * The SOP's next steps open on the change: its open forward edges, in the
 * machine's order. Empty when the change is finished.
 *
 * @public
 */
export function nextSteps(change: WorkflowChange): ChangeAction[] {
  const facts = recordFacts(change);
  return edgesFrom(change.type, change.state)
    .filter(([, t]) => t.kind === 'forward' && needsMet(t, facts))
    .map(([action]) => action);
}

/**
 * Whom the change waits on now: the parties of its next steps, in the
 * machine's order. Empty when the change is finished.
 *
 * @public
 */
export function waitsOn(change: WorkflowChange): Party[] {
  const parties = nextSteps(change).map(
    action =>
      PARTY_OF_ROLE[transitionFor(change.type, change.state, action)!.role],
  );
  return [...new Set(parties)];
}

/**
 * Whether the change waits on this person: as its author, as a reviewer
 * (an engineer for it, not its author, whose review leaves someone to
 * approve it), or as a holder of the CTO role. "Needs my action" and the
 * review notices; the SQL form is `waitingOnUser` in the backend's
 * database/listQuery.ts.
 *
 * @public
 */
export function waitsOnActor(
  change: WorkflowChange &
    Pick<Change, 'createdBy'> &
    Partial<Pick<Change, 'reviewed'>>,
  actor: Actor,
  options: {
    allowSelfApproval: boolean;
    /** The owners of the change's affected entities, for `engineerOf`. */
    ownerRefs?: (string | undefined)[];
  },
): boolean {
  const isAuthor = change.createdBy === actor.userEntityRef;
  return waitsOn(change).some(party => {
    if (party === 'author') return isAuthor;
    if (party === 'cto') return actor.isCto;
    // A first review of two on record: its reviewer is not waited on.
    return (
      !isAuthor &&
      change.reviewed?.by !== actor.userEntityRef &&
      isEngineerFor(actor.engineerOf, options.ownerRefs ?? []) &&
      reviewLeavesAnApprover(change, actor, options.allowSelfApproval)
    );
  });
}

/** Whether nothing more is owed on the change. @public */
export function isFinished(change: WorkflowChange): boolean {
  return waitsOn(change).length === 0;
}

/**
 * A submitted change that still waits on someone: not a draft, not
 * finished. The SQL form is `inFlight` in the backend's
 * database/listQuery.ts; tests/queues.test.ts compares the two.
 *
 * @public
 */
export function isInFlight(change: WorkflowChange): boolean {
  return change.state !== 'draft' && !isFinished(change);
}

/**
 * One way a change can wait on a party, for filtering in a database: a change
 * of one of `types` in `state` whose record meets `needs` waits on `party`.
 *
 * @public
 */
export type WaitingRule = {
  types: ChangeType[];
  state: ChangeState;
  needs: Partial<RecordFacts>;
  party: Party;
};

/**
 * Every forward edge of every machine as a {@link WaitingRule}: the same
 * answer as {@link waitsOn}, in a form a store turns into one query.
 *
 * @public
 */
export const WAITING_RULES: WaitingRule[] = MACHINES.flatMap(
  ({ types, machine }) =>
    Object.entries(machine).flatMap(([state, edges]) =>
      Object.values(edges ?? {})
        .filter(t => t.kind === 'forward')
        .map(t => ({
          types,
          state: state as ChangeState,
          needs: t.needs ?? {},
          party: PARTY_OF_ROLE[t.role],
        })),
    ),
);

/** The actions a role takes in any machine, e.g. the CTO's. @public */
export function actionsForRole(role: ActionRole): ChangeAction[] {
  const actions = MACHINES.flatMap(({ machine }) =>
    Object.values(machine).flatMap(edges =>
      Object.entries(edges ?? {})
        .filter(([, t]) => t.role === role)
        .map(([action]) => action as ChangeAction),
    ),
  );
  return [...new Set(actions)];
}

/**
 * How a state reads at a glance: `done` at the end of a type's normal path,
 * `stopped` where a stop edge (cancel, reject, roll-back) leads, otherwise
 * `active`.
 *
 * @public
 */
export function stateOutcome(
  state: ChangeState,
): 'active' | 'done' | 'stopped' {
  const done = MACHINES.some(({ types }) => {
    const path = happyPath(types[0]);
    return path[path.length - 1] === state;
  });
  if (done) {
    return 'done';
  }
  const stopped = MACHINES.some(({ machine }) =>
    Object.values(machine).some(edges =>
      Object.values(edges ?? {}).some(t => t.kind === 'stop' && t.to === state),
    ),
  );
  return stopped ? 'stopped' : 'active';
}
