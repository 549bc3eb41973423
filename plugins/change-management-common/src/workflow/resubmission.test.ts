import { ChangeEvent } from '../events';
import { describeResubmission } from '../labels';
import { resubmission } from './resubmission';

const draft = {
  type: 'standard',
  title: 'Upgrade the PSP SDK',
  description: 'what and why',
  risks: 'refunds may fail',
  testingNotes: 'unit tests',
  pullRequestUrl: 'https://github.com/acme/payments/pull/42',
  affectedEntityRefs: ['component:default/payments-service'],
};

/** A trail, one event per entry: [action, from, to, actor, fields]. */
function trail(
  ...steps: [string, string | undefined, string, string, object?][]
): ChangeEvent[] {
  return steps.map(([action, fromState, toState, who, fields], i) => ({
    id: `e${i + 1}`,
    changeId: 'c1',
    seq: i + 1,
    action: action as ChangeEvent['action'],
    fromState: fromState as ChangeEvent['fromState'],
    toState: toState as ChangeEvent['toState'],
    actor: `user:default/${who}`,
    at: `2026-03-0${i + 1}T10:00:00.000Z`,
    fields: fields ?? {},
    previousHash: '0'.repeat(64),
    hash: '1'.repeat(64),
  }));
}

const toApproved: [string, string | undefined, string, string, object?][] = [
  ['create', undefined, 'draft', 'alice', draft],
  ['submit', 'draft', 'in_review', 'alice'],
  ['review', 'in_review', 'awaiting_approval', 'bob'],
  ['approve', 'awaiting_approval', 'approved', 'carol'],
];
const failedStaging: [string, string, string, string, object] = [
  'record-staging',
  'approved',
  'draft',
  'bob',
  { stagingTested: 'yes', failedChecks: ['regression checks'] },
];

describe('resubmission', () => {
  it('is nothing on a first submit', () => {
    expect(resubmission(trail(...toApproved.slice(0, 2)))).toBeUndefined();
  });

  it('names a failed staging run and each field edited since, before and after', () => {
    const events = trail(
      ...toApproved,
      failedStaging,
      ['edit', 'draft', 'draft', 'alice', { ...draft, risks: 'first try' }],
      [
        'edit',
        'draft',
        'draft',
        'alice',
        { ...draft, risks: 'refunds may fail; we retry', testingNotes: 'e2e' },
      ],
      ['submit', 'draft', 'in_review', 'alice'],
    );
    const found = resubmission([...events].reverse());
    expect(found).toEqual({
      sentBackFor: 'failed-staging',
      sentBack: { by: 'user:default/bob', at: events[4].at },
      resubmitted: { by: 'user:default/alice', at: events[7].at },
      changes: [
        {
          field: 'risks',
          before: 'refunds may fail',
          after: 'refunds may fail; we retry',
        },
        { field: 'testingNotes', before: 'unit tests', after: 'e2e' },
      ],
    });
    expect(describeResubmission(found!)).toBe(
      'Resubmitted after a failed staging run — changed: risks, testing notes',
    );
  });

  it('names changes requested, and says when nothing changed', () => {
    const found = resubmission(
      trail(
        ['create', undefined, 'draft', 'alice', draft],
        ['submit', 'draft', 'in_review', 'alice'],
        ['request-changes', 'in_review', 'draft', 'bob', { comment: 'why?' }],
        ['submit', 'draft', 'in_review', 'alice'],
        ['review', 'in_review', 'awaiting_approval', 'bob'],
      ),
    );
    expect(found).toMatchObject({
      sentBackFor: 'changes-requested',
      changes: [],
    });
    expect(describeResubmission(found!)).toBe(
      'Resubmitted after changes were requested — nothing changed',
    );
  });

  it('counts an entity added, and a field emptied', () => {
    const { pullRequestUrl: _, ...withoutPr } = draft;
    const found = resubmission(
      trail(
        ['create', undefined, 'draft', 'alice', draft],
        ['submit', 'draft', 'in_review', 'alice'],
        ['request-changes', 'in_review', 'draft', 'bob'],
        [
          'edit',
          'draft',
          'draft',
          'alice',
          {
            ...withoutPr,
            affectedEntityRefs: [
              ...draft.affectedEntityRefs,
              'system:default/x',
            ],
          },
        ],
        ['submit', 'draft', 'in_review', 'alice'],
      ),
    );
    expect(found?.changes.map(c => [c.field, c.after])).toEqual([
      ['pullRequestUrl', undefined],
      [
        'affectedEntityRefs',
        ['component:default/payments-service', 'system:default/x'],
      ],
    ]);
  });

  it('is done once the change is sent back again', () => {
    expect(
      resubmission(
        trail(
          ...toApproved,
          failedStaging,
          ['submit', 'draft', 'in_review', 'alice'],
          ['request-changes', 'in_review', 'draft', 'bob'],
        ),
      ),
    ).toBeUndefined();
  });

  it('is done once the resubmitted change is approved', () => {
    expect(
      resubmission(
        trail(
          ...toApproved,
          failedStaging,
          ['submit', 'draft', 'in_review', 'alice'],
          ['review', 'in_review', 'awaiting_approval', 'bob'],
          ['approve', 'awaiting_approval', 'approved', 'carol'],
        ),
      ),
    ).toBeUndefined();
  });
});
