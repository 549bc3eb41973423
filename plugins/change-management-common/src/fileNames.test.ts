import { auditSampleFileName, changeLogFileName } from './fileNames';

describe('download file names', () => {
  it('names the change log by its period, from dates or times', () => {
    expect(changeLogFileName({ from: '2026-01-01', to: '2027-01-01' })).toBe(
      'change-log-2026-01-01-2027-01-01.csv',
    );
    expect(
      changeLogFileName({
        from: new Date('2026-01-01T00:00:00Z'),
        to: new Date('2027-01-01T00:00:00Z'),
      }),
    ).toBe('change-log-2026-01-01-2027-01-01.csv');
  });

  it("names one entity's change log after the entity, safely", () => {
    expect(
      changeLogFileName({
        from: '2026-01-01',
        to: '2027-01-01',
        entityRef: 'system:default/payments',
      }),
    ).toBe('change-log-system-default-payments-2026-01-01-2027-01-01.csv');
  });

  it("names a list's change log after its filters, safely", () => {
    expect(
      changeLogFileName({
        entityRef: 'system:default/payments',
        type: 'emergency',
        state: ['deployed', 'ready_for_production'],
        q: 'PSP "key"/rotation',
      }),
    ).toBe(
      'change-log-system-default-payments-emergency-deployed-ready_for_production-title-PSP-key-rotation.csv',
    );
    expect(changeLogFileName({})).toBe('change-log.csv');
  });

  it('names a sample by its period and seed', () => {
    expect(
      auditSampleFileName({
        from: '2026-01-01T00:00:00.000Z',
        to: '2026-04-01',
        seed: 'q1 "final"/2',
      }),
    ).toBe('audit-sample-2026-01-01-2026-04-01-q1-final-2.zip');
  });
});
