import { causedByIssue } from './causedBy';

const emergency = {
  id: '11111111-1111-4111-8111-111111111111',
  type: 'emergency' as const,
  createdAt: '2026-06-10T10:00:00.000Z',
};
const cause = {
  id: '22222222-2222-4222-8222-222222222222',
  createdAt: '2026-06-10T09:00:00.000Z',
};

describe('causedByIssue', () => {
  it('accepts no cause, or an earlier change', () => {
    expect(causedByIssue(emergency, undefined, undefined)).toBeUndefined();
    expect(causedByIssue(emergency, cause.id, cause)).toBeUndefined();
    expect(
      causedByIssue(emergency, cause.id, {
        ...cause,
        createdAt: emergency.createdAt,
      }),
    ).toBeUndefined();
  });

  it('refuses a cause on another type, itself, a missing or a later change', () => {
    const refused = [
      causedByIssue({ ...emergency, type: 'standard' }, cause.id, cause),
      causedByIssue(emergency, emergency.id, undefined),
      causedByIssue(emergency, cause.id, undefined),
      causedByIssue(emergency, cause.id, {
        ...cause,
        createdAt: '2026-06-10T10:00:00.001Z',
      }),
    ];
    expect(refused.map(issue => issue?.path)).toEqual(
      Array(4).fill('causedBy'),
    );
    expect(refused.map(issue => issue?.message)).toEqual([
      expect.stringMatching(/emergency only/),
      expect.stringMatching(/itself/),
      expect.stringMatching(/no change with id/),
      expect.stringMatching(/raised before the emergency/),
    ]);
  });
});
