import {
  isRetrospectiveOverdue,
  isUnverified,
  owesRetrospective,
  UNVERIFIED_STATES,
} from './overdue';

const due = '2026-11-27T09:00:00.000Z';

describe('isRetrospectiveOverdue', () => {
  it('is overdue from the due time on, not a millisecond before, while undocumented', () => {
    expect(
      isRetrospectiveOverdue(
        { retrospectiveDueAt: due },
        new Date(Date.parse(due) - 1),
      ),
    ).toBe(false);
    expect(
      isRetrospectiveOverdue({ retrospectiveDueAt: due }, new Date(due)),
    ).toBe(true);
  });

  it('is never overdue once documented, or with nothing due', () => {
    const documented = {
      retrospectiveDueAt: due,
      retrospective: {
        by: 'u',
        at: due,
        whatChanged: 'a',
        why: 'b',
        approvalReceived: 'c',
        late: true,
      },
    };
    expect(isRetrospectiveOverdue(documented, new Date('2027-01-01'))).toBe(
      false,
    );
    expect(isRetrospectiveOverdue({}, new Date('2027-01-01'))).toBe(false);
  });
});

describe('owesRetrospective', () => {
  it('is owed once a due time is set, until documented', () => {
    expect(owesRetrospective({})).toBe(false);
    expect(owesRetrospective({ retrospectiveDueAt: due })).toBe(true);
  });
});

describe('isUnverified', () => {
  it('is every type deployed and waiting on verify, emergencies too', () => {
    expect(UNVERIFIED_STATES).toEqual({
      standard: ['deployed'],
      emergency: ['deployed'],
      infrastructure: ['deployed'],
    });
    expect(isUnverified({ type: 'emergency', state: 'deployed' })).toBe(true);
    for (const state of ['verified', 'completed', 'rolled_back'] as const) {
      expect(isUnverified({ type: 'emergency', state })).toBe(false);
    }
  });
});
