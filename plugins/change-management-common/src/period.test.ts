import { periodIssue } from './period';

describe('periodIssue', () => {
  it('accepts a period whose end is after its start, as dates or times', () => {
    expect(periodIssue({ from: '2026-01-01', to: '2026-01-02' })).toBe(
      undefined,
    );
    expect(
      periodIssue({
        from: new Date('2026-01-01T00:00:00Z'),
        to: new Date('2026-01-01T00:00:00.001Z'),
      }),
    ).toBe(undefined);
  });

  it('names the end when it is not after the start, an empty period included', () => {
    const issue = { path: 'to', message: 'Must be after From' };
    expect(periodIssue({ from: '2026-02-01', to: '2026-01-01' })).toEqual(
      issue,
    );
    expect(periodIssue({ from: '2026-01-01', to: '2026-01-01' })).toEqual(
      issue,
    );
  });

  it('names the missing bound', () => {
    expect(periodIssue({ to: '2026-01-01' })?.path).toBe('from');
    expect(periodIssue({ from: '2026-01-01' })?.path).toBe('to');
    expect(periodIssue({})).toEqual({
      path: 'from',
      message: 'Pick both dates',
    });
  });
});
