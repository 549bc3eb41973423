import { Actor } from './actor';
import { applyAction } from './applyAction';
import { checkAction } from './checkAction';
import { reviewLeavesAnApprover } from './ctoReview';
import { waitsOnActor } from './waitsOn';
import { Change } from '../types';
import { parseActionRequest } from '../actionSchemas';

const alice = 'user:default/alice';
const bob = 'user:default/bob';
const carol = 'user:default/carol';
const dana = 'user:default/dana';

/** A holder of the CTO role, with the other holders the catalog names. */
const cto = (ref: string, otherCtos: string[]): Actor => ({
  userEntityRef: ref,
  isCto: true,
  otherCtos,
  engineerOf: 'any',
});
const engineer: Actor = { userEntityRef: bob, isCto: false, engineerOf: 'any' };

function change(overrides: Partial<Change> = {}): Change {
  return {
    id: 'c1',
    type: 'standard',
    state: 'in_review',
    version: 3,
    title: 'Upgrade the PSP SDK',
    description: 'what and why',
    risks: 'refunds may fail',
    testingNotes: 'unit and local e2e',
    pullRequestUrl: 'https://github.com/acme/payments/pull/42',
    affectedEntityRefs: ['component:default/payments-service'],
    affectedSystemRefs: [],
    createdBy: alice,
    createdAt: '2026-06-01T09:00:00.000Z',
    updatedAt: '2026-06-01T09:00:00.000Z',
    exceptions: [],
    overdue: false,
    ...overrides,
  };
}

const judge = { allowSelfApproval: false };

describe('a CTO-role holder and peer review', () => {
  it.each([
    ['the only holder', cto(carol, []), false],
    ['one of two holders', cto(carol, [dana]), true],
    ['one of two, the other the author', cto(carol, [alice]), false],
    ['one of three, one the author', cto(carol, [alice, dana]), true],
    ['an engineer without the role', engineer, true],
  ])('as %s, leaves an approver: %s', (_, actor, leaves) => {
    expect(reviewLeavesAnApprover(change(), actor, false)).toBe(leaves);
    // With allowSelfApproval the reviewer may approve, as an exception.
    expect(reviewLeavesAnApprover(change(), actor, true)).toBe(true);
  });

  it('counts a holder whose others are unknown as the only one', () => {
    const unknown: Actor = {
      userEntityRef: carol,
      isCto: true,
      engineerOf: 'any',
    };
    expect(reviewLeavesAnApprover(change(), unknown, false)).toBe(false);
  });

  it('refuses the only holder’s review by name, with the holders', () => {
    expect(checkAction(change(), 'review', cto(carol, []), judge)).toEqual({
      ok: false,
      name: 'SoleApproverError',
      message: expect.stringMatching(
        /^You hold the CTO role .* nobody else holds the CTO role, .* Ask another engineer to review it, or waive the review with a reason$/,
      ),
      ctoRoleHolders: [carol],
    });
    const authorIsTheOther = checkAction(
      change({ createdBy: dana }),
      'review',
      cto(carol, [dana]),
      judge,
    );
    expect(authorIsTheOther).toMatchObject({
      name: 'SoleApproverError',
      message: expect.stringContaining(
        'the only other CTO-role holder raised it',
      ),
      ctoRoleHolders: [carol, dana],
    });
    // She may still send it back; only the review would lock her out.
    expect(
      checkAction(change(), 'request-changes', cto(carol, []), judge).ok,
    ).toBe(true);
  });

  it('lets one of two holders review, and the other approve', () => {
    expect(checkAction(change(), 'review', cto(carol, [dana]), judge).ok).toBe(
      true,
    );
    const reviewed = change({
      state: 'awaiting_approval',
      reviewed: { by: carol, at: '2026-06-02T09:00:00.000Z' },
    });
    expect(checkAction(reviewed, 'approve', cto(dana, [carol]), judge).ok).toBe(
      true,
    );
    expect(checkAction(reviewed, 'approve', cto(carol, [dana]), judge)).toEqual(
      expect.objectContaining({ ok: false, name: 'NotAllowedError' }),
    );
  });

  it('is not waited on for a review that would lock the approval', () => {
    const inReview = change();
    expect(waitsOnActor(inReview, cto(carol, []), judge)).toBe(false);
    expect(waitsOnActor(inReview, cto(carol, [dana]), judge)).toBe(true);
    expect(waitsOnActor(inReview, engineer, judge)).toBe(true);
    expect(
      waitsOnActor(inReview, cto(carol, []), { allowSelfApproval: true }),
    ).toBe(true);
    // The author is never their own reviewer; the CTO role waits on approval.
    expect(
      waitsOnActor(inReview, { ...engineer, userEntityRef: alice }, judge),
    ).toBe(false);
    const awaiting = change({ state: 'awaiting_approval' });
    expect(waitsOnActor(awaiting, cto(carol, []), judge)).toBe(true);
    expect(waitsOnActor(awaiting, engineer, judge)).toBe(false);
  });
});

describe('a change stuck on its CTO reviewer', () => {
  const stuck = change({
    state: 'awaiting_approval',
    version: 4,
    reviewed: { by: carol, at: '2026-06-02T09:00:00.000Z' },
  });
  const ctx = (actor: Actor) => ({
    actor,
    now: new Date('2026-06-03T09:00:00.000Z'),
    allowSelfApproval: false,
    freezeTimeZone: 'UTC',
  });

  it('goes back for another review when the CTO who reviewed it asks', () => {
    const outcome = applyAction(
      stuck,
      parseActionRequest({
        action: 'return-to-review',
        version: 4,
        comment: 'I reviewed it myself; another engineer should',
      }),
      ctx(cto(carol, [])),
    );
    expect(outcome).toEqual({
      ok: true,
      to: 'in_review',
      patch: { reviewed: undefined },
      exceptions: [],
      eventFields: { comment: 'I reviewed it myself; another engineer should' },
      comment: 'I reviewed it myself; another engineer should',
    });
  });

  it('is sent back by no one else', () => {
    const request = parseActionRequest({
      action: 'return-to-review',
      version: 4,
    });
    expect(applyAction(stuck, request, ctx(cto(dana, [carol])))).toMatchObject({
      ok: false,
      name: 'NotAllowedError',
      message: expect.stringContaining('who peer-reviewed this change'),
    });
    expect(applyAction(stuck, request, ctx(engineer))).toMatchObject({
      ok: false,
      name: 'NotAllowedError',
      message: 'Only the CTO may return-to-review a change',
    });
  });

  it('names the way on when the reviewer tries to approve', () => {
    expect(checkAction(stuck, 'approve', cto(carol, []), judge)).toMatchObject({
      ok: false,
      message: expect.stringContaining('send it back for another review'),
    });
  });
});
