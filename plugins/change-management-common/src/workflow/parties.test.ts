import { changeParties } from './parties';

const at = '2026-06-10T09:00:00.000Z';

describe('changeParties', () => {
  it('names the author, the owners and the CTO role of a fresh draft', () => {
    expect(
      changeParties(
        { createdBy: 'user:default/alice' },
        {
          ownerRefs: ['group:default/payments', undefined],
          ctoRefs: ['group:default/cto'],
        },
      ),
    ).toEqual([
      'group:default/cto',
      'group:default/payments',
      'user:default/alice',
    ]);
  });

  it('adds whoever signed a step, once each', () => {
    expect(
      changeParties(
        {
          createdBy: 'user:default/alice',
          reviewed: { by: 'user:default/bob', at },
          approved: { by: 'user:default/carol', at },
          signedOff: { by: 'user:default/carol', at },
          deployed: { by: 'user:default/dana', at },
          verified: { by: 'user:default/alice', at },
          retrospective: {
            by: 'user:default/erin',
            at,
            whatChanged: '',
            why: '',
            approvalReceived: '',
            late: false,
          },
          postDeploymentReview: {
            by: 'user:default/fred',
            at,
            preventable: 'no',
            notes: '',
          },
        },
        { ownerRefs: [], ctoRefs: [] },
      ),
    ).toEqual([
      'user:default/alice',
      'user:default/bob',
      'user:default/carol',
      'user:default/dana',
      'user:default/erin',
      'user:default/fred',
    ]);
  });
});
