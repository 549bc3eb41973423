import {
  deploymentsPerWeek,
  leadTimeHours,
  percentile,
  periodWeeks,
  recoveryHours,
  retrospectiveStatus,
  weekStartOf,
} from './deliveryMetrics';

const at = (iso: string) => ({ by: 'user:default/alice', at: iso });
const change = (id: string, patch: object) => ({
  id,
  type: 'standard' as const,
  state: 'completed' as const,
  affectedEntityRefs: ['component:default/a'],
  affectedSystemRefs: [],
  ...patch,
});

describe('the figures of deliveryMetrics, one at a time', () => {
  it("interpolates percentiles as PostgreSQL's percentile_cont", () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20], 0.9)).toBe(10);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1);
  });

  it('starts weeks on Monday, in UTC, across the new year', () => {
    expect(weekStartOf(new Date('2026-03-02T00:00:00.000Z'))).toBe(
      '2026-03-02',
    );
    expect(weekStartOf(new Date('2026-03-08T23:59:59.999Z'))).toBe(
      '2026-03-02',
    );
    expect(weekStartOf(new Date('2027-01-01T12:00:00.000Z'))).toBe(
      '2026-12-28',
    );
    expect(
      periodWeeks(
        new Date('2026-12-30T00:00:00.000Z'),
        new Date('2027-01-11T00:00:00.000Z'),
      ),
    ).toEqual(['2026-12-28', '2027-01-04']);
  });

  it('takes the lead time from the first submit', () => {
    expect(
      leadTimeHours(
        change('a', {
          submittedAt: '2026-03-01T00:00:00.000Z',
          deployed: at('2026-03-01T06:30:00.000Z'),
        }),
      ),
    ).toBe(6.5);
    expect(
      leadTimeHours(change('a', { deployed: at('2026-03-01T06:30:00.000Z') })),
    ).toBeUndefined();
  });

  it('recovers a failure at the next verified deploy on a shared entity', () => {
    const failed = change('f', {
      state: 'rolled_back',
      deployed: at('2026-03-01T00:00:00.000Z'),
    });
    const others = [
      // At the same time, rolled back, unverified, or on another entity: no.
      change('same', {
        deployed: at('2026-03-01T00:00:00.000Z'),
        postDeploymentVerified: 'yes',
      }),
      change('back', {
        state: 'rolled_back',
        deployed: at('2026-03-01T01:00:00.000Z'),
        postDeploymentVerified: 'yes',
      }),
      change('open', {
        state: 'deployed',
        deployed: at('2026-03-01T02:00:00.000Z'),
      }),
      change('else', {
        affectedEntityRefs: ['component:default/b'],
        deployed: at('2026-03-01T03:00:00.000Z'),
        postDeploymentVerified: 'yes',
      }),
      change('next', {
        deployed: at('2026-03-01T05:00:00.000Z'),
        postDeploymentVerified: 'yes',
      }),
      change('later', {
        deployed: at('2026-03-01T09:00:00.000Z'),
        postDeploymentVerified: 'yes',
      }),
    ];
    expect(recoveryHours(failed, [failed, ...others])).toBe(5);
    expect(recoveryHours(failed, others.slice(0, 4))).toBeUndefined();
  });

  it('counts a retrospective due once documented or past due, on time if not late', () => {
    const now = new Date('2026-03-10T00:00:00.000Z');
    const emergency = (patch: object) => ({
      type: 'emergency' as const,
      ...patch,
    });
    expect(
      retrospectiveStatus(
        emergency({ retrospectiveDueAt: '2026-03-11T00:00:00.000Z' }),
        now,
      ),
    ).toEqual({ due: false, onTime: false });
    expect(
      retrospectiveStatus(
        emergency({ retrospectiveDueAt: '2026-03-09T00:00:00.000Z' }),
        now,
      ),
    ).toEqual({ due: true, onTime: false });
    const documented = (late: boolean) =>
      emergency({
        retrospectiveDueAt: '2026-03-11T00:00:00.000Z',
        retrospective: {
          ...at('2026-03-09T00:00:00.000Z'),
          whatChanged: '',
          why: '',
          approvalReceived: '',
          late,
        },
      });
    expect(retrospectiveStatus(documented(false), now)).toEqual({
      due: true,
      onTime: true,
    });
    expect(retrospectiveStatus(documented(true), now)).toEqual({
      due: true,
      onTime: false,
    });
  });

  it('counts deployments per week over the days of the period', () => {
    const from = new Date('2026-03-02T00:00:00.000Z');
    expect(
      deploymentsPerWeek(3, from, new Date('2026-03-30T00:00:00.000Z')),
    ).toBe(0.75);
    // Thirty days are 30 / 7 weeks.
    expect(
      deploymentsPerWeek(30, from, new Date('2026-04-01T00:00:00.000Z')),
    ).toBeCloseTo(7);
    expect(
      deploymentsPerWeek(0, from, new Date('2026-03-09T00:00:00.000Z')),
    ).toBe(0);
  });
});
