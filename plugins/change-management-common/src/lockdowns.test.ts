import { describeClosure, productionClosure } from './blackouts';
import {
  Lockdown,
  lockdownActive,
  lockdownCovers,
  lockdownDeclarationSchema,
  lockdownEnd,
  UNTIL_LIFTED,
} from './lockdowns';

const base: Lockdown = {
  id: '00000000-0000-4000-8000-000000000001',
  entityRef: 'system:default/payments',
  reason: 'Incident INC-1',
  start: '2026-06-10T08:00:00.000Z',
  declaredBy: 'user:default/carol',
  declaredAt: '2026-06-10T07:00:00.000Z',
};

describe('lockdowns', () => {
  it('hold from the start until the end or the lift, whichever comes first', () => {
    const at = (iso: string) => new Date(iso);
    expect(lockdownActive(base, at('2026-06-10T07:59:59.999Z'))).toBe(false);
    expect(lockdownActive(base, at('2026-06-10T08:00:00.000Z'))).toBe(true);
    expect(lockdownActive(base, at('2030-01-01T00:00:00.000Z'))).toBe(true);
    expect(lockdownEnd(base)).toBe(UNTIL_LIFTED);
    const ended = { ...base, end: '2026-06-11T00:00:00.000Z' };
    expect(lockdownActive(ended, at('2026-06-11T00:00:00.000Z'))).toBe(false);
    const liftedEarly = {
      ...ended,
      liftedBy: 'user:default/carol',
      liftedAt: '2026-06-10T12:00:00.000Z',
    };
    expect(lockdownEnd(liftedEarly)).toBe('2026-06-10T12:00:00.000Z');
    expect(lockdownActive(liftedEarly, at('2026-06-10T11:59:00.000Z'))).toBe(
      true,
    );
    expect(lockdownActive(liftedEarly, at('2026-06-10T12:00:00.000Z'))).toBe(
      false,
    );
  });

  it('cover everything, or an entity through its System or Domain', () => {
    expect(lockdownCovers({ ...base, entityRef: undefined }, [])).toBe(true);
    expect(lockdownCovers(base, ['component:default/x'])).toBe(false);
    expect(
      lockdownCovers(base, ['component:default/x', 'system:default/payments']),
    ).toBe(true);
  });

  it('are the window the verdict names first, over the freeze', () => {
    const window = productionClosure({
      freeze: { start: '2026-10-01', end: '2027-01-01' },
      freezeTimeZone: 'UTC',
      lockdowns: [base],
    });
    expect(window).toEqual({
      start: base.start,
      end: UNTIL_LIFTED,
      timeZone: 'UTC',
      lockdownId: base.id,
      entityRef: 'system:default/payments',
      reason: 'Incident INC-1',
    });
    expect(describeClosure(window)).toBe(
      `locked down by the CTO for system:default/payments from ${base.start} until lifted (lockdown ${base.id}: Incident INC-1)`,
    );
    expect(
      productionClosure({ freezeTimeZone: 'UTC', lockdowns: [] }),
    ).toBeUndefined();
  });

  it('refuse a declaration that names no reason, no time, or no System or Domain', () => {
    const result = lockdownDeclarationSchema.safeParse({
      entityRef: 'component:default/payments-service',
      reason: ' ',
      start: '2026-06-10T10:00:00Z',
      end: '2026-06-10T09:00:00Z',
    });
    expect(result.success).toBe(false);
    expect(
      result.success ? [] : result.error.issues.map(i => i.path.join('.')),
    ).toEqual(['entityRef', 'reason', 'end']);
    expect(
      lockdownDeclarationSchema.parse({
        entityRef: 'domain:default/commerce',
        reason: 'Peak week',
        start: '2026-06-10T10:00:00+02:00',
      }),
    ).toEqual({
      entityRef: 'domain:default/commerce',
      reason: 'Peak week',
      start: '2026-06-10T08:00:00.000Z',
    });
  });
});
