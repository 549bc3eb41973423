import {
  ChangeAction,
  ChangeState,
} from '@trove/backstage-plugin-change-management-common';
import { actionFields, drafts } from './changes';
import { Harness, UserName } from './harness';

/** Who moves a change one step along its happy path. */
const STEPS: Partial<Record<ChangeState, [UserName, ChangeAction]>> = {
  draft: ['alice', 'submit'],
  in_review: ['bob', 'review'],
  awaiting_approval: ['carol', 'approve'],
  staging_verified: ['carol', 'sign-off'],
  ready_for_production: ['alice', 'deploy'],
  retrospective_done: ['carol', 'complete-review'],
};

function nextStep(type: string, state: ChangeState): [UserName, ChangeAction] {
  if (state === 'approved') {
    return type === 'emergency'
      ? ['alice', 'deploy']
      : ['alice', 'record-staging'];
  }
  if (state === 'deployed') return ['alice', 'verify'];
  if (state === 'verified') return ['alice', 'document-retrospective'];
  return STEPS[state]!;
}

/** How a change ends up in a state off the happy path. */
export const DETOURS: Partial<
  Record<ChangeState, [ChangeState, UserName, ChangeAction]>
> = {
  rejected: ['awaiting_approval', 'carol', 'reject'],
  cancelled: ['draft', 'alice', 'cancel'],
  rolled_back: ['deployed', 'alice', 'roll-back'],
};

/** A change of this type (its draft changed by `draft`) driven to `state`. */
export async function changeIn(
  h: Harness,
  type: 'standard' | 'emergency',
  state: ChangeState,
  draft: Record<string, unknown> = {},
): Promise<any> {
  const detour = DETOURS[state];
  if (detour) {
    const [before, user, action] = detour;
    const change = await changeIn(h, type, before, draft);
    return h.act(user, change.id, action, actionFields[action]);
  }
  const { body } = await h
    .as('alice')
    .post('/changes', { ...drafts[type], ...draft });
  let current = body;
  while (current.state !== state) {
    const [user, action] = nextStep(type, current.state);
    current = await h.act(user, body.id, action, actionFields[action]);
  }
  return current;
}
