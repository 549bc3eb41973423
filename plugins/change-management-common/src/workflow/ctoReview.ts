import { Change } from '../types';
import { Actor } from './actor';

/**
 * Whether this actor's peer review would still leave the change someone to
 * approve it. Peer review is an engineer's step, and whoever peer-reviewed
 * a change does not approve it too (checkAction): so a holder of the CTO
 * role reviews only while another holder, not the change's author (who does
 * not approve their own change either), could approve it. Otherwise the
 * change would wait for an approval nobody may give. With
 * `allowSelfApproval`, the reviewer may approve as a recorded exception, so
 * the review leaves an approver. Anyone who does not hold the role leaves
 * every holder. The SQL form, for the queues, is `reviewLeavesAnApproverQuery`
 * in the backend's database folder.
 *
 * @public
 */
export function reviewLeavesAnApprover(
  change: Pick<Change, 'createdBy'> & Partial<Pick<Change, 'reviewed'>>,
  actor: Pick<Actor, 'isCto' | 'otherCtos'>,
  allowSelfApproval: boolean,
): boolean {
  if (!actor.isCto || allowSelfApproval) {
    return true;
  }
  // A first review of two on record (twoPeerReviews): its reviewer does
  // not approve either.
  return (actor.otherCtos ?? []).some(
    ref => ref !== change.createdBy && ref !== change.reviewed?.by,
  );
}
