import { Change } from '../types';

/** The steps a change records with who took them. */
const SIGNED_STEPS = [
  'reviewed',
  'approved',
  'signedOff',
  'deployed',
  'verified',
  'retrospective',
  'postDeploymentReview',
] as const satisfies readonly (keyof Change)[];

/**
 * Who has a stake in a change, as entity refs (users and groups): its
 * author, whoever signed a step of it, the groups that own what it affects
 * and the CTO role. The workflow cannot run unless each of them may read
 * it: the author edits it, the owners' engineers review and deploy it, the
 * CTO role approves it. The backend tells them, and only them, when it
 * moves (signals, docs/events.md).
 *
 * @public
 */
export function changeParties(
  change: Pick<Change, 'createdBy' | (typeof SIGNED_STEPS)[number]>,
  context: { ownerRefs: (string | undefined)[]; ctoRefs: string[] },
): string[] {
  const refs = [
    change.createdBy,
    ...SIGNED_STEPS.map(step => change[step]?.by),
    ...context.ownerRefs,
    ...context.ctoRefs,
  ];
  return [...new Set(refs.filter((ref): ref is string => !!ref))].sort();
}
